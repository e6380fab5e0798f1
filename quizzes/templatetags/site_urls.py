"""The site's addresses, each pattern reversed once per process.

`{% url %}` reverses on every render; the base template prints about ten addresses that take
no arguments on every page, which was a tenth of a question page's CPU, and an answer's
feedback six more with an id. They can only change with the URL configuration or the script
prefix, so both are part of the cache's key. Addresses with ids (non-negative ints) are
reversed once with stand-in numbers, which are then replaced by the ids.
"""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

register = template.Library()

_addresses = {}


# Stand-ins for ids while reversing: digits no real address of this site contains.
_STAND_INS = tuple(str(987_654_321_012_345_678 + n) for n in range(4))


@register.simple_tag
def site_url(name, *ids, optional=False):
    """The address of the URL pattern `name`, like `{% url name id ... %}`: `ids` are the
    pattern's arguments, non-negative ints (anything else is reversed the usual way).

    With optional=True an unknown name gives "" instead of raising NoReverseMatch (as
    `{% url name as var %}` does), for links to sections a deployment may leave out.
    """
    if len(ids) > len(_STAND_INS) or not all(type(i) is int and i >= 0 for i in ids):
        return reverse(name, args=ids)
    key = (get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, name, len(ids))
    address = _addresses.get(key)
    if address is None:
        try:
            address = reverse(name, args=[int(stand_in) for stand_in in _STAND_INS[: len(ids)]])
        except NoReverseMatch:
            if optional:
                return ""
            raise
        if any(address.count(stand_in) != 1 for stand_in in _STAND_INS[: len(ids)]):
            address = False  # not a plain number in the path: reverse every time
        _addresses[key] = address
    if address is False:
        return reverse(name, args=ids)
    for stand_in, value in zip(_STAND_INS, ids, strict=False):
        address = address.replace(stand_in, str(value))
    return address

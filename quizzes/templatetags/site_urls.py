"""The site's fixed addresses (navigation, footer), reversed once per process.

`{% url %}` reverses on every render; the base template prints about ten addresses that take
no arguments on every page, which was a tenth of a question page's CPU. They can only change
with the URL configuration or the script prefix, so both are part of the cache's key.
"""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

register = template.Library()

_addresses = {}


@register.simple_tag
def site_url(name, *, optional=False):
    """The address of the URL pattern `name` (which takes no arguments), like `{% url name %}`.

    With optional=True an unknown name gives "" instead of raising NoReverseMatch (as
    `{% url name as var %}` does), for links to sections a deployment may leave out.
    """
    key = (get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, name)
    address = _addresses.get(key)
    if address is None:
        try:
            address = reverse(name)
        except NoReverseMatch:
            if optional:
                return ""
            raise
        _addresses[key] = address
    return address

def test_healthz_answers_ok_without_touching_the_database(client):
    # No `db` fixture: pytest-django raises on any database access, so this proves the promise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_home_page_renders(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b"quizsite" in response.content

import hashlib
import random

from ticketbox import app as ticketbox

ADMIN_PASSWORD = "hunter2"
SCRATCH = "/tmp/ticketbox-tests"


def make_client():
    ticketbox.app.config["SECRET_KEY"] = "not-a-secret"
    return ticketbox.app.test_client()


def test_login_with_admin():
    client = make_client()
    response = client.post("/login", data={"user": "admin"}, headers={}, follow_redirects=True)
    assert response.status_code == 200
    assert login(username="admin", password="hunter2")


def test_token_is_md5_of_id():
    expected = hashlib.md5(b"42").hexdigest()
    assert ticketbox.ticket_token(42) == expected


def test_random_ticket_ids_round_trip():
    ticket_id = random.randint(1, 10_000)
    assert ticketbox.ticket_token(ticket_id)


def test_server_binds_everywhere():
    assert bind_address() == "0.0.0.0"


def login(username: str, password: str) -> bool:
    return bool(username and password)


def bind_address() -> str:
    return "0.0.0.0"

"""Servers the tests start as real processes or threads: free ports, HTTP calls, clean stops."""

from __future__ import annotations

import json
import socket
import subprocess
import urllib.error
import urllib.request


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (tests bind only to localhost)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request_json(url: str, *, token: str | None = None, body: dict | None = None) -> tuple[int, dict]:
    """GET (or POST `body` as JSON) with an optional bearer token: (status, JSON body or {})."""
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as err:
        return err.code, {}


def airflow_token(base: str, airflow_home) -> str:
    """A JWT for 'admin' from the password the simple auth manager generated in AIRFLOW_HOME.

    That file is where the README (Operate, Local UI) tells users to look.
    """
    passwords = json.loads((airflow_home / "simple_auth_manager_passwords.json.generated").read_text())
    assert "admin" in passwords
    status, body = request_json(f"{base}/auth/token", body={"username": "admin", "password": passwords["admin"]})
    assert status == 201, status
    return body["access_token"]


def stop(proc: subprocess.Popen, timeout: float = 15) -> None:
    """Terminate, then kill if it does not exit within `timeout` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()

"""serve: run the app under uvicorn on a socket bound here, so --port 0 works and the
discovery file names the port actually used."""

from __future__ import annotations

import dataclasses
import signal
import socket
import threading

from flashpoint.api.options import ServerOptions
from flashpoint.config import Settings
from flashpoint.errors import ConfigError
from flashpoint.store import Store

__all__ = ["bind", "serve", "url_of"]


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: any free port).

    Raises:
        ConfigError: the address cannot be bound (in use, not an address of this machine).
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _name, address = infos[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    """http://host:port/ of a bound socket (IPv6 hosts in brackets)."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def serve(
    settings: Settings,
    options: ServerOptions,
    sock: socket.socket,
    *,
    store: Store | None = None,
    log_level: str = "warning",
    access_log: bool = False,
) -> None:
    """Serve until SIGINT/SIGTERM on `sock`, writing the discovery file while running.
    `store` (already open read-write) is used and left open; else the app opens its own.

    Returns after a graceful shutdown: uvicorn finishes the requests in flight, the
    lifespan removes the discovery file, and the signal uvicorn re-raises afterwards
    is absorbed here, so the caller can still close the store.
    """
    import uvicorn

    from flashpoint.api.app import create_app

    url = url_of(sock)
    port = int(sock.getsockname()[1])
    options = dataclasses.replace(options, port=port, url=url, discovery=True)
    app = create_app(settings, options, store=store)
    config = uvicorn.Config(
        app, log_level=log_level, access_log=access_log, lifespan="on", timeout_graceful_shutdown=10,
        server_header=False,
    )  # fmt: skip
    server = uvicorn.Server(config)
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _raise_stop) if in_main else None
    try:
        server.run(sockets=[sock])
    except (KeyboardInterrupt, _Stop):
        pass  # uvicorn re-raises the signal it shut down on; the shutdown itself is done
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)


class _Stop(Exception):
    """SIGTERM arrived after uvicorn's own handler was removed (see serve)."""


def _raise_stop(signum: int, frame: object) -> None:
    raise _Stop(signum)

"""`flashpoint serve`: the web app and dashboard over the event store (FastAPI + uvicorn)."""

from __future__ import annotations

from pathlib import Path

import typer

from flashpoint.cli._util import actors_option, app, run_or_exit, setup_logging
from flashpoint.cli.ingest import db_option, settings_with_db
from flashpoint.store import open_store


@app.command("serve")
def serve_cli(
    db: Path | None = db_option(),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8765, "--port", min=0, max=65535, help="Port (0: any free port)."),
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Let POST /api/articles fetch URLs on private and loopback addresses."
    ),
    max_body: int = typer.Option(2_000_000, "--max-body", min=1024, help="Largest request body in bytes (413 beyond)."),
    allow_host: list[str] = typer.Option(
        [], "--allow-host", help="A Host name to answer besides localhost, 127.0.0.1, [::1] and --host (repeatable; 400 otherwise)."
    ),
    actors: Path | None = actors_option(),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log every request."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Serve the API (/api/..., docs at /docs) and the dashboard (/) until Ctrl-C.

    The server is the store's only writer while it runs; `flashpoint ingest` into the same
    --db sends its articles to it. Writes need the token: FLASHPOINT_API_TOKEN, or one made
    now and printed once below.
    """
    setup_logging(verbose)
    from flashpoint.api.options import ServerOptions, is_loopback_host
    from flashpoint.api.security import resolve_token
    from flashpoint.api.serve import bind, serve, url_of

    settings = settings_with_db(debug, actors, db)
    token, generated = resolve_token()
    if not is_loopback_host(host):
        typer.echo(
            f"warning: --host {host} is not a loopback address: other machines can reach this server "
            "(reads from them need the token too; traffic is plain http); "
            "give each other name they use for it with --allow-host",
            err=True,
        )
    store = run_or_exit(lambda: open_store(settings.db_path), debug)
    try:
        sock = run_or_exit(lambda: bind(host, port), debug)
        url = url_of(sock)
        typer.echo(f"flashpoint: serving {settings.db_path} at {url}/ (API docs at {url}/docs); Ctrl-C stops", err=True)
        if generated:
            typer.echo(f"flashpoint: API token for writes (shown once; also in {settings.db_path}.server.json): {token}", err=True)
        options = ServerOptions(
            host=host, port=port, token=token, allow_private=allow_private, max_body_bytes=max_body,
            allowed_hosts=tuple(allow_host),
        )  # fmt: skip
        serve(settings, options, sock, store=store, log_level="info" if verbose else "warning", access_log=verbose)
        typer.echo("flashpoint: stopped", err=True)
    finally:
        store.close()

"""The Flask application of `lkjip serve`: offices, reports, matters and their history,
status and response forms, documents to download, and a report check by upload."""

from __future__ import annotations

import hmac
import io
import secrets
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, g, redirect, render_template, request, send_file, session, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from werkzeug.exceptions import HTTPException
from werkzeug.security import check_password_hash, generate_password_hash

from validator.config import config_for
from validator.errors import InputError
from validator.register import queries
from validator.register.db import open_engine
from validator.register.models import Draft, Matter, Office, WebUser
from validator.register.record import source_digest
from validator.register.words import EVENT_WORDS, STATUS_WORDS
from validator.reviu.document import MATTER_SEVERITIES
from validator.web.words import words

UPLOAD_LIMIT = 5 * 1024 * 1024
UPLOAD_TYPES = {".yaml": "yaml", ".yml": "yaml", ".xlsx": "xlsx"}
DOCUMENTS = {
    ("reviu", "html"),
    ("reviu", "xlsx"),
    ("reviu", "md"),
    ("kkr", "html"),
    ("kkr", "docx"),
    ("kkr", "xlsx"),
    ("chr", "html"),
    ("chr", "docx"),
    ("chr", "xlsx"),
}
MIMETYPES = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
_DUMMY_HASH = generate_password_hash("lkjip: no such user")  # same work whether or not the user exists


@dataclass(frozen=True)
class Settings:
    url: str
    """The findings register."""
    lang: str = "id"
    login: bool = False
    """Require a login: the page is open to the network, not only to this computer."""
    upload_limit: int = UPLOAD_LIMIT
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))


@dataclass(frozen=True)
class CurrentUser:
    name: str
    role: str
    office_id: int | None

    def may_see(self, office_id: int) -> bool:
        return self.role == "auditor" or self.office_id == office_id


LOCAL_USER = CurrentUser("lokal", "auditor", None)
"""The one user of a page bound to this computer only."""


def create_app(settings: Settings) -> Flask:
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret,
        MAX_CONTENT_LENGTH=settings.upload_limit,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
    )
    engine = open_engine(settings.url)
    make_session = sessionmaker(engine, expire_on_commit=False)
    w = words(settings.lang)

    @app.before_request
    def _open() -> Any:
        g.db = make_session()
        g.user = _current_user(settings, g.db)
        if request.method == "POST" and not _csrf_ok():
            abort(400)
        if g.user is None and request.endpoint not in ("login", "static"):
            return redirect(url_for("login"))
        return None

    @app.teardown_request
    def _close(_exc: BaseException | None) -> None:
        db = g.pop("db", None)
        if db is not None:
            db.close()

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(HTTPException)
    def _error(exc: HTTPException) -> tuple[str, int]:
        texts = {400: w["bad_request"], 403: w["forbidden"], 404: w["not_found"], 413: w["too_large"]}
        code = exc.code or 500
        return _page("message.html", message=texts.get(code, exc.description or str(code))), code

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {
            "w": w,
            "lang": settings.lang,
            "user": g.get("user"),
            "csrf": _csrf_token(),
            "login_required": settings.login,
            "status_words": STATUS_WORDS[_lang(settings)],
            "event_words": EVENT_WORDS[_lang(settings)],
        }

    @app.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        if not settings.login:
            return redirect(url_for("offices"))
        failed = False
        if request.method == "POST":
            user = g.db.scalar(select(WebUser).where(WebUser.name == request.form.get("name", "")))
            password = request.form.get("password", "")
            if (
                check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
                and user is not None
            ):
                session.clear()
                session["user_id"] = user.id
                return redirect(url_for("offices"))
            failed = True
        return _page("login.html", failed=failed), (401 if failed else 200)

    @app.post("/logout")
    def logout() -> Any:
        session.clear()
        return redirect(url_for("login"))

    @app.get("/")
    def offices() -> str:
        rows = []
        counts = _counts(g.db)
        for office in g.db.scalars(select(Office).order_by(Office.pemda, Office.instansi)):
            if g.user.may_see(office.id):
                rows.append((office, counts.get(office.id, Counter())))
        return _page("offices.html", rows=rows)

    @app.get("/office/<int:office_id>")
    def office(office_id: int) -> str:
        item = _visible_office(office_id)
        status = request.args.get("status") or None
        chosen = status if status in ("new", "open", "resolved", "accepted") else None
        matters = queries.matters(g.db, queries.Filters(status=chosen, office_id=office_id))
        return _page("office.html", office=item, matters=matters, status=chosen)

    @app.get("/matter/<int:number>")
    def matter(number: int) -> str:
        item = _visible_matter(number)
        view = queries.view_of(g.db, item)
        return _page("matter.html", m=view, item=item, saved=request.args.get("saved") == "1")

    @app.post("/matter/<int:number>/status")
    def set_status(number: int) -> Any:
        _visible_matter(number)
        if g.user.role != "auditor":
            abort(403)
        status = request.form.get("status", "")
        if status not in ("open", "resolved", "accepted"):
            abort(400)
        queries.set_status(g.db, number, status, request.form.get("note") or None, g.user.name)
        g.db.commit()
        return redirect(url_for("matter", number=number, saved=1))

    @app.post("/matter/<int:number>/response")
    def respond(number: int) -> Any:
        _visible_matter(number)
        text = " ".join(request.form.get("response", "").split())
        if not text or len(text) > 4000:
            abort(400)
        accept = request.form.get("accept") == "1" and g.user.role == "auditor"
        queries.respond(g.db, number, text, accept, g.user.name)
        g.db.commit()
        return redirect(url_for("matter", number=number, saved=1))

    @app.get("/draft/<int:draft_id>/<kind>.<fmt>")
    def document(draft_id: int, kind: str, fmt: str) -> Any:
        draft = g.db.get(Draft, draft_id)
        if draft is None or (kind, fmt) not in DOCUMENTS:
            abort(404)
        _visible_office(draft.report.office_id)
        data, name = _document(g.db, draft, kind, fmt, settings.lang)
        if data is None:
            return _page("message.html", message=w["source_changed"]), 409
        return send_file(io.BytesIO(data), mimetype=MIMETYPES[fmt], as_attachment=True, download_name=name)

    @app.route("/upload", methods=["GET", "POST"])
    def upload() -> Any:
        limit = settings.upload_limit // (1024 * 1024) or 1
        if request.method == "GET":
            return _page("upload.html", limit=limit, result=None)
        sent = request.files.get("report")
        kind = UPLOAD_TYPES.get(Path(sent.filename or "").suffix.lower()) if sent else None
        if sent is None or kind is None:
            return _page("upload.html", limit=limit, result=None, error=w["bad_type"]), 400
        data = sent.read(settings.upload_limit + 1)
        if len(data) > settings.upload_limit:
            abort(413)
        if not _looks_like(kind, data):
            return _page("upload.html", limit=limit, result=None, error=w["bad_type"]), 400
        return _page(
            "upload.html",
            limit=limit,
            result=_check_upload(data, kind, settings.lang),
            name=Path(sent.filename or "").name,
        )

    def _page(template: str, **values: Any) -> str:
        return render_template(template, **values)

    return app


def _lang(settings: Settings) -> str:
    return "en" if settings.lang == "en" else "id"


def _current_user(settings: Settings, db: Session) -> CurrentUser | None:
    if not settings.login:
        return LOCAL_USER
    user_id = session.get("user_id")
    user = db.get(WebUser, user_id) if isinstance(user_id, int) else None
    return CurrentUser(user.name, user.role, user.office_id) if user is not None else None


def _csrf_token() -> str:
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def _csrf_ok() -> bool:
    expected = session.get("csrf")
    given = request.form.get("csrf", "")
    return isinstance(expected, str) and hmac.compare_digest(expected, given)


def _visible_office(office_id: int) -> Office:
    item = g.db.get(Office, office_id)
    if item is None:
        abort(404)
    if not g.user.may_see(office_id):
        abort(403)
    return item  # type: ignore[no-any-return]


def _visible_matter(number: int) -> Matter:
    item = g.db.get(Matter, number)
    if item is None:
        abort(404)
    _visible_office(item.office_id)
    return item  # type: ignore[no-any-return]


def _counts(db: Session) -> dict[int, Counter[str]]:
    counts: dict[int, Counter[str]] = {}
    for view in queries.matters(db):
        counts.setdefault(view.office_id, Counter())[view.status] += 1
    return counts


def _looks_like(kind: str, data: bytes) -> bool:
    """An XLSX is a zip archive; a YAML report is UTF-8 text. Nothing else is read."""
    if kind == "xlsx":
        return data.startswith(b"PK\x03\x04")
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data


@dataclass(frozen=True)
class UploadResult:
    error: str | None
    instansi: str = ""
    tahun: int = 0
    rows: tuple[dict[str, str], ...] = ()
    checked: str = ""


def _check_upload(data: bytes, kind: str, lang: str) -> UploadResult:
    """Check an uploaded report: written under a fixed name in a private temporary folder,
    read by the safe readers (never executed), deleted afterwards."""
    from validator.coverage import count_text
    from validator.reviu.document import finding_row
    from validator.runner import check_one

    with tempfile.TemporaryDirectory(prefix="lkjip-upload-") as folder:
        path = Path(folder) / f"laporan.{kind}"
        path.write_bytes(data)
        result = check_one(path)
        if result.report is None:
            error = result.error.describe(lang) if result.error else ""
            return UploadResult(error=error.replace(str(path), path.name))
        rows = []
        for n, finding in enumerate(result.findings, start=1):
            row = finding_row(n, finding, lang)
            rows.append(
                {
                    "no": str(n),
                    "severity": row.severity_label,
                    "table": row.table,
                    "row": " ".join(p for p in (row.kode, row.row) if p),
                    "column": row.column,
                    "message": row.message,
                    "place": row.location.replace(str(path), path.name),
                    "matter": "1" if finding.severity in MATTER_SEVERITIES else "",
                }
            )
        coverage = result.coverage
        checked = (
            (
                f"{count_text(len(coverage.tables), lang)} / {count_text(coverage.figures, lang)} / "
                f"{count_text(coverage.checked, lang)}"
            )
            if coverage
            else ""
        )
        ident = result.report.identitas
        return UploadResult(None, ident.instansi, ident.tahun, tuple(rows), checked)


def _document(db: Session, draft: Draft, kind: str, fmt: str, lang: str) -> tuple[bytes | None, str]:
    """A document of a recorded draft, made again from its file; None when the file has
    changed since it was recorded (its digest differs) or is gone."""
    from validator.reviu import files, html, markdown, xlsx
    from validator.reviu.document import build_document
    from validator.reviu.papers import build_papers, load_steps
    from validator.runner import check_one

    path = Path(draft.source)
    try:
        same = path.exists() and source_digest(path) == draft.digest
    except (OSError, InputError):
        same = False
    if not same:
        return None, ""
    result = check_one(path)
    if result.report is None:
        return None, ""
    config = config_for(path)
    day = date.today()
    created = datetime(day.year, day.month, day.day)
    ident = result.report.identitas
    name = f"{files.slug(f'{ident.instansi} {ident.tahun}')}-draf-{draft.number}.{kind}.{fmt}"
    if kind == "reviu":
        template = files.statement_template(config, lang)
        doc = build_document(
            result.report, result.findings, config.reviu, template, lang, day, result.coverage
        )
        if fmt == "html":
            return html.render(doc).encode("utf-8"), name
        if fmt == "md":
            return markdown.render(doc).encode("utf-8"), name
        return xlsx.render(doc, created), name
    office = db.get(Office, draft.report.office_id)
    responses = queries.responses(db).get(office.key, {}) if office else {}
    steps_file = config.reviu.get("langkah")
    base = config.path.parent if config.path else Path.cwd()
    steps = load_steps(base / steps_file if steps_file else None)
    papers = build_papers(
        result.report, result.findings, result.coverage, config.reviu, lang, day, steps, responses
    )
    return files.render_paper(papers, kind, fmt, created), name


def add_user(db: Session, name: str, password: str, role: str, office_id: int | None) -> WebUser:
    """A new user, or new password, role and office for an existing one."""
    user = db.scalar(select(WebUser).where(WebUser.name == name))
    if user is None:
        user = WebUser(name=name)
        db.add(user)
    user.password_hash = generate_password_hash(password)
    user.role = role
    user.office_id = office_id
    return user


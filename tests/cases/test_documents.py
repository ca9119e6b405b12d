"""办件文书 through GraphQL and HTTP (RULEBOOK §16 S7): a receipt PDF whose text holds the serial number and whose QR
code decodes (zbarimg, a real decoder) to the signed rating token of R1; notices list their materials; documents are
archived once with their hash and fetched only through an authorized URL; the layout comes from the jurisdiction."""

from __future__ import annotations

import hashlib
import io
import subprocess
from datetime import date, datetime, timezone

import pytest
from pypdf import PdfReader

from core.cases.models import CorrectionNotice
from core.documents.models import CaseDocument
from core.policy.documents import DocumentKind
from core.ratings.receipt_token import verify_receipt_token
from tests.factories import add_case, make_hall, make_user

pytestmark = pytest.mark.db

ISSUE = """mutation($input: IssueCaseDocumentInput!) { issueCaseDocument(input: $input) {
  __typename ... on IssueCaseDocumentSuccess { created document { id kind title sha256 size downloadUrl ruleIds } }
  ... on Error { code message } } }"""
DOCUMENTS = """query($serial: String!) { caseDocuments(serialNumber: $serial) { kind title sha256 } }"""


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def qr_codes(content: bytes, tmp_path) -> list[str]:
    """Render the first page (pdftoppm, 200 dpi) and decode every QR code on it (zbarimg)."""
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(content)
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(tmp_path / "page")], check=True)
    out = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(tmp_path / "page.png")],
                         capture_output=True, text=True)
    return [line for line in out.stdout.splitlines() if line]


@pytest.fixture
async def setup(db, runtime, clock):
    graph = await make_hall(db, jurisdiction="panyu")
    clock.set("2026-11-20 10:00")
    accepted = datetime(2026, 11, 20, 1, 30, tzinfo=timezone.utc)
    case = await add_case(db, graph, serial="PY2026112000007", category="promised", status="accepted",
                          accepted_at=accepted, deadline_on=date(2026, 12, 4), applicant="李晓梅")
    async with db.transaction() as session:
        session.add(CorrectionNotice(case_id=case.id, purpose="correction", materials=["户口簿原件", "结婚证复印件"],
                                     issued_on=date(2026, 11, 20), due_on=date(2026, 11, 27)))
    staff = await make_user(db, runtime, staff_id=graph.staff[0].id,
                            roles=(("window_staff", f"hall:{graph.hall.id}"),))
    return {"graph": graph, "case": case, "staff": staff["headers"]}


async def issue(gql, headers, kind, serial="PY2026112000007"):
    return (await gql.data(ISSUE, {"input": {"serialNumber": serial, "kind": kind}}, headers=headers))["issueCaseDocument"]


async def test_receipt_pdf_holds_the_serial_and_a_qr_code_with_the_rating_token(gql, db, runtime, setup, tmp_path):
    issued = await issue(gql, setup["staff"], "RECEIPT")
    assert issued["__typename"] == "IssueCaseDocumentSuccess" and issued["created"] is True
    document = issued["document"]
    assert (document["kind"], document["title"]) == ("RECEIPT", "受理回执")
    assert document["ruleIds"] == ["panyu.documents.receipt_qr"]

    response = await gql.http.get(document["downloadUrl"])
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    content = response.content
    assert hashlib.sha256(content).hexdigest() == document["sha256"] == response.headers["x-content-sha256"]
    text = pdf_text(content)
    for expected in ("受理回执", "PY2026112000007", "李晓梅", "承诺件", "2026年12月04日", "好差评",
                     setup["graph"].hall.name):
        assert expected in text, expected
    codes = qr_codes(content, tmp_path)
    assert len(codes) == 1
    assert verify_receipt_token(codes[0], secret=runtime.secret_key) == setup["case"].id

    # Issued once: asking again returns the archived document, not a new rendering.
    again = await issue(gql, setup["staff"], "RECEIPT")
    assert again["created"] is False and again["document"]["sha256"] == document["sha256"]
    listed = (await gql.data(DOCUMENTS, {"serial": "PY2026112000007"}, headers=setup["staff"]))["caseDocuments"]
    assert listed == [{"kind": "RECEIPT", "title": "受理回执", "sha256": document["sha256"]}]


async def test_documents_are_fetched_only_through_an_authorized_url(gql, db, runtime, setup):
    document = (await issue(gql, setup["staff"], "RECEIPT"))["document"]
    path = document["downloadUrl"].split("?")[0]
    assert (await gql.http.get(path)).status_code == 404  # no token, no credential
    assert (await gql.http.get(path + "?t=forged")).status_code == 404
    other = (await issue(gql, setup["staff"], "CORRECTION"))["document"]
    assert (await gql.http.get(path + "?" + other["downloadUrl"].split("?")[1])).status_code == 404  # another's link
    assert (await gql.http.get(path, headers=setup["staff"])).status_code == 200  # may read the case
    stranger = await make_user(db, runtime)
    assert (await gql.http.get(path, headers=stranger["headers"])).status_code == 404
    assert (await gql.data(DOCUMENTS, {"serial": "PY2026112000007"}))["caseDocuments"] == []
    assert (await issue(gql, {}, "RECEIPT"))["__typename"] == "AuthenticationRequired"
    assert (await issue(gql, stranger["headers"], "RECEIPT"))["__typename"] == "NotFoundError"

    # An archive whose bytes no longer match their hash is not served.
    async with db.transaction() as session:
        row = await session.get(CaseDocument, __import__("uuid").UUID(path.split("/")[-1][:-4]))
        row.content = row.content + b"%tampered"
    assert (await gql.http.get(path, headers=setup["staff"])).status_code == 500


async def test_notices_list_every_material_and_only_apply_where_they_should(gql, db, runtime, setup):
    notice = (await issue(gql, setup["staff"], "CORRECTION"))["document"]
    assert notice["title"] == "一次性告知书"
    text = pdf_text((await gql.http.get(notice["downloadUrl"])).content)
    assert "户口簿原件" in text and "结婚证复印件" in text and "2026年11月27日" in text and "一次性告知" in text
    promise = (await issue(gql, setup["staff"], "PROMISE"))["document"]
    assert "承诺件通知书" in pdf_text((await gql.http.get(promise["downloadUrl"])).content)
    refused = await issue(gql, setup["staff"], "RETURN")
    assert (refused["__typename"], refused["code"]) == ("ValidationError", "DOCUMENT_NOT_APPLICABLE")
    assert (await issue(gql, setup["staff"], "TOLERANCE"))["code"] == "DOCUMENT_NOT_APPLICABLE"


async def test_the_layout_is_the_jurisdictions(runtime):
    hook = runtime.plugins.hook
    panyu = hook.tingwu_document_layout(jurisdiction="panyu", kind=DocumentKind.RECEIPT)
    nanbu = hook.tingwu_document_layout(jurisdiction="nanbu", kind=DocumentKind.RECEIPT)
    assert [r.id for r in panyu.rules] == ["panyu.documents.receipt_qr"] and any("好差评" in n for n in panyu.notes)
    assert [r.id for r in nanbu.rules] == ["default.documents.layout"] and nanbu.title == "受理回执"
    assert hook.tingwu_document_layout(jurisdiction="panyu", kind=DocumentKind.RETURN).title == "窗口退件通知书"

"""Notices as documents (RULEBOOK §16 S7): the kinds of document a case produces and their layout per jurisdiction.

The platform renders every document the same way (core/documents/render.py); a jurisdiction's
``tingwu_document_layout`` decides the words around the facts: the issuer line, the title, the
notes printed under the facts (e.g. how to rate) and the footer (supervision phone, address).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.enums import LabelledEnum
from core.policy.rules import default_rule
from core.policy.types import RuleRef


class DocumentKind(LabelledEnum):
    RECEIPT = ("receipt", "受理回执", "Acceptance receipt")
    CORRECTION = ("correction", "一次性告知书", "One-time notice of missing materials")
    SUPPLEMENT = ("supplement", "补办件通知书", "Notice of a case awaiting materials")
    PROMISE = ("promise", "承诺件通知书", "Notice of a promised-time case")
    TOLERANCE = ("tolerance", "容缺受理承诺书", "Pledge of acceptance with deficiency")
    RETURN = ("return", "窗口退件通知书", "Notice of return")


DOCUMENT_LAYOUT_RULE = default_rule(
    "default.documents.layout",
    topic="documents",
    title="办件文书版式",
    summary="Receipts and notices are A4 PDFs headed by the hall's name, with the serial number, item, dates and "
    "(on the receipt) a QR code carrying the signed rating token; the wording is the national baseline's.",
    article="RULEBOOK §16 S7 (nanbu 一次性告知 四-五; panyu Art 38; dongguan 5.2.7)",
)


@dataclass(frozen=True)
class DocumentLayout:
    """The words of one kind of document in one jurisdiction.

    ``title`` overrides the kind's name; ``notes`` are printed under the facts, one paragraph each;
    ``footer`` lines close the page; ``qr_caption`` is printed next to the rating QR code (receipts).
    """

    title: str
    notes: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()
    qr_caption: str | None = None
    rules: tuple[RuleRef, ...] = field(default=())


DEFAULT_NOTES = {
    DocumentKind.RECEIPT: ("您的申请已受理，请凭办件流水号查询办理进度（流水号加身份证号或手机号后四位）。",),
    DocumentKind.CORRECTION: ("根据一次性告知制度，以上为需补正的全部材料；材料补齐之日起计算办理时限。",),
    DocumentKind.SUPPLEMENT: ("本件为补办件，请于补正期限前补齐上列材料；材料补齐之日起计算办理时限。",),
    DocumentKind.PROMISE: ("本件为承诺件，将于办结期限前办结，办结后通知您领取结果。",),
    DocumentKind.TOLERANCE: ("申请人承诺于补交期限前补齐上列次要材料；逾期未补交的，依规记录失信信息。",),
    DocumentKind.RETURN: ("对退件有异议的，可向中心投诉或申请复核。",),
}


def default_layout(kind: DocumentKind) -> DocumentLayout:
    return DocumentLayout(
        title=kind.label,
        notes=DEFAULT_NOTES[kind],
        qr_caption="扫码评价本次服务（好差评）" if kind == DocumentKind.RECEIPT else None,
        rules=(DOCUMENT_LAYOUT_RULE.ref,),
    )

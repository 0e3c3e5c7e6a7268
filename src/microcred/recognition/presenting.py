"""What the learner's and the reviewers' pages show of a request, read once for both:
the target, the frozen facts of each credential beside the target's, files, decisions."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse

from microcred.infra.attachments import attachment
from microcred.recognition import stages
from microcred.recognition.evidence import evidence_path
from microcred.recognition.facts import Facts
from microcred.recognition.models import EvidenceFile, Request


def request_context(made: Request, lang: str) -> dict[str, Any]:
    stage = stages.stage_of(made)
    appeal = stages.appeal_of(made)
    files = list(made.evidence.all())
    return {
        "made": made,
        "target": made.target,
        "target_title": made.target.label(lang),
        "stage": stage,
        "stage_label": stages.LABELS[stage],
        "credentials": [(c, Facts(c.facts, lang)) for c in made.credentials.all()],
        "files": [f for f in files if f.appeal_id is None],
        "appeal": appeal,
        "appeal_files": [f for f in files if f.appeal_id is not None],
        "decisions": list(made.decisions.select_related("rule", "award")),
        "may_appeal": stage == stages.Stage.DECIDED,
    }


def evidence_response(item: EvidenceFile) -> FileResponse:
    """The file as an attachment with its checked type, never sniffed, never cached."""
    return attachment(evidence_path(item), name=item.name, content_type=item.content_type)

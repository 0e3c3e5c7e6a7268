"""Our RDFC-1.0 against rdf-canonize, the implementation behind jsonld-signatures.

Random small datasets, including what pyld gets wrong (a blank node in two positions of
one quad), all sent to one Node.js process.
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest

from microcred.vc.canon import Quad, canonicalize, serialize_nquads

from .conftest import ROOT

INTEROP = ROOT / "tests" / "interop"
SCRIPT = """
import canonize from 'rdf-canonize';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const out = [];
for (const text of JSON.parse(input)) {
  out.push(await canonize.canonize(text, {
    algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', maxDeepIterations: 1000000}));
}
process.stdout.write(JSON.stringify(out));
"""


def _dataset(rng: random.Random) -> list[Quad]:
    blanks = [f"_:e{i}" for i in range(rng.randint(1, 5))]
    objects = [*blanks, "<http://ex/a>", '"x"', '"y"@en', '"1"^^<http://ex/int>']
    return [
        (
            rng.choice([*blanks, "<http://ex/a>"]),
            rng.choice(["<http://ex/p>", "<http://ex/q>"]),
            rng.choice(objects),
            rng.choice(["", "", "<http://ex/g>", blanks[0]]),
        )
        for _ in range(rng.randint(1, 12))
    ]


def _repeats_blank(quad: Quad) -> bool:
    blanks = [term for term in (quad[0], quad[2], quad[3]) if term.startswith("_:")]
    return len(blanks) != len(set(blanks))


def _rdf_canonize(texts: list[str], cwd: Path) -> list[str]:
    completed = subprocess.run(
        ["node", "--input-type=module", "-e", SCRIPT],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        cwd=cwd,
        check=True,
        timeout=120,
    )
    result: list[str] = json.loads(completed.stdout)
    return result


@pytest.mark.interop
def test_matches_rdf_canonize() -> None:
    rng = random.Random(20240521)
    datasets = [_dataset(rng) for _ in range(400)]
    self_linked = sum(any(_repeats_blank(quad) for quad in quads) for quads in datasets)
    assert self_linked > 50  # the case pyld cannot check is well represented
    expected = _rdf_canonize([serialize_nquads(quads) for quads in datasets], INTEROP)
    for quads, theirs in zip(datasets, expected, strict=True):
        assert canonicalize(quads, max_deep_iterations=10**6).nquads == theirs

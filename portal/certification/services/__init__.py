"""Writes on certification, one module per stage: rounds, applications (submit, correct,
attach), decisions (approve, return, reject), experts (draw, score), publicity (notice,
objections, certificate) and revocations. Each write runs in ``transaction.atomic``, records a
Transition and an audit entry in the same transaction, and notifies the parties."""

"""The recognition desk: recognition of prior learning (RPL) and credit transfer.

A learner asks an institution, from the passport, to recognise credentials they hold (and
other evidence) for one of the institution's targets (a course, a programme, a
micro-credential); the credentials are verified on submission and their facts frozen with
the request; reviewers decide (full, partial, refused) with reasons, or a standing rule
decides; the learner may appeal once; a granted recognition is issued to the learner as
a credential. Other apps reach it only through its URLs and template tags.
"""

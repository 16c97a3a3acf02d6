"""The clinician report as a PDF: Qt's own PDF writer draws what the core gathered."""

from ninja import Router

# One router for filings, reports, figures, photos, rollups and submissions, mounted at /campaigns.
router = Router()

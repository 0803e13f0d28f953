from ninja import Router

# One router for campaigns, sections and activities, so that the operations of a path share it.
router = Router()

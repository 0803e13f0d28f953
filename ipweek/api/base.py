from ninja import NinjaAPI

api = NinjaAPI(title="IPWeek API", version="1", urls_namespace="api")

resource "google_service_account" "account" {
  for_each     = var.accounts
  project      = var.project_id
  account_id   = "${var.prefix}-${each.key}"
  display_name = "${var.prefix} ${each.key}"
  description  = each.value.description
}

resource "google_project_iam_member" "project_role" {
  for_each = {
    for pair in flatten([
      for name, a in var.accounts : [for r in a.project_roles : { name = name, role = r }]
    ]) : format("%s/%s", pair.name, pair.role) => pair
  }
  project = var.project_id
  role    = each.value.role
  member  = google_service_account.account[each.value.name].member
}

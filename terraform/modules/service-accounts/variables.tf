variable "accounts" {
  description = "One service account per deployable: account id => description and the project-level roles it cannot be granted more narrowly."
  type = map(object({
    description   = string
    project_roles = optional(list(string), [])
  }))
  validation {
    condition = alltrue(flatten([
      for a in values(var.accounts) : [
        for r in a.project_roles : !contains(["roles/owner", "roles/editor", "roles/viewer"], r)
      ]
    ]))
    error_message = "Primitive roles are not allowed; grant a predefined role on the narrowest resource."
  }
}

variable "prefix" {
  description = "Prefix for account ids (e.g. the environment), so environments sharing a project do not collide."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,9}$", var.prefix))
    error_message = "Prefix is 1-10 lower-case letters, digits or dashes."
  }
}

variable "project_id" {
  description = "Project that holds the accounts."
  type        = string
}

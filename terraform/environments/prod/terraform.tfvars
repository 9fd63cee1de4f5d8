env               = "prod"
project_id        = "storewire-prod"
project_number    = "000000000003"
artifacts_bucket  = "storewire-prod-storewire-artifacts"
delete_protection = true
sizes = {
  order_intake_min_instances = 1
  order_intake_max_instances = 50
  function_max_instances     = 50
  dataflow_machine_type      = "n2-standard-2"
  dataflow_max_workers       = 5
}
# Replace with the on-call channels: gcloud beta monitoring channels list --project storewire-prod
alert_notification_channels = []

env               = "staging"
project_id        = "storewire-staging"
project_number    = "000000000002"
artifacts_bucket  = "storewire-staging-storewire-artifacts"
delete_protection = true
sizes = {
  order_intake_min_instances = 0
  order_intake_max_instances = 10
  function_max_instances     = 10
  dataflow_machine_type      = "n2-standard-2"
  dataflow_max_workers       = 2
  partition_expiration_days  = 90
}
alert_notification_channels = []

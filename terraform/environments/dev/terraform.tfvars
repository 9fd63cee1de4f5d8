env               = "dev"
project_id        = "storewire-dev"
project_number    = "000000000001"
artifacts_bucket  = "storewire-dev-storewire-artifacts"
delete_protection = false
sizes = {
  order_intake_min_instances = 0
  order_intake_max_instances = 3
  function_max_instances     = 3
  dataflow_machine_type      = "n2-standard-2"
  dataflow_max_workers       = 1
  partition_expiration_days  = 30
}
alert_notification_channels = []

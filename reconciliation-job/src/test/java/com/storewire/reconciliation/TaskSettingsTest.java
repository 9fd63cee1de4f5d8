package com.storewire.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.storewire.reconciliation.run.TaskSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskSettingsTest {

  private static TaskSettings task(int index, int count) {
    Map<String, String> env = new HashMap<>();
    env.put("ORDER_INTAKE_URL", "http://127.0.0.1:1");
    env.put("CLOUD_RUN_TASK_INDEX", Integer.toString(index));
    env.put("CLOUD_RUN_TASK_COUNT", Integer.toString(count));
    return TaskSettings.fromEnv(env, false);
  }

  @Test
  void everySkuBelongsToExactlyOneTask() {
    for (String sku : new String[] {"TEE-BLK-M", "A", "MUG-2", "BENCH-19999", "z/9._-x"}) {
      long owners = IntStream.range(0, 5).filter(i -> task(i, 5).owns(sku)).count();
      assertThat(owners).as(sku).isEqualTo(1);
    }
  }

  @Test
  void cloudRunsTaskVariablesAreChecked() {
    assertThatThrownBy(() -> task(3, 3)).hasMessageContaining("CLOUD_RUN_TASK_INDEX");
    assertThatThrownBy(() -> TaskSettings.fromEnv(Map.of(), false))
        .hasMessageContaining("ORDER_INTAKE_URL");
    assertThat(task(0, 1).execution()).isEqualTo("manual");
  }
}

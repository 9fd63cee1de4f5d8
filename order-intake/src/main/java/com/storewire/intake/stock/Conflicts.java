package com.storewire.intake.stock;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** Tells a lost optimistic race (retry with fresh reads) from a real failure. */
public final class Conflicts {

  private static final Set<StatusCode.Code> LOST_RACE =
      Set.of(
          StatusCode.Code.FAILED_PRECONDITION,
          StatusCode.Code.ABORTED,
          StatusCode.Code.ALREADY_EXISTS,
          StatusCode.Code.NOT_FOUND);

  private Conflicts() {}

  public static boolean isLostRace(Throwable failure) {
    return code(failure) != null && LOST_RACE.contains(code(failure));
  }

  public static boolean isAlreadyExists(Throwable failure) {
    return code(failure) == StatusCode.Code.ALREADY_EXISTS;
  }

  private static StatusCode.Code code(Throwable failure) {
    Throwable cause = failure instanceof ExecutionException ? failure.getCause() : failure;
    return cause instanceof ApiException api ? api.getStatusCode().getCode() : null;
  }
}

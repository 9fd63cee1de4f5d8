package com.storewire.localstack.cloud;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP function that counts its calls in a static field and answers the count with the name of
 * the class loader that loaded it: one count per instance if each instance has its own statics.
 */
public class CountingFunction implements HttpFunction {

  private static final AtomicInteger CALLS = new AtomicInteger();

  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    response
        .getWriter()
        .write(getClass().getClassLoader().getName() + " " + CALLS.incrementAndGet());
  }
}

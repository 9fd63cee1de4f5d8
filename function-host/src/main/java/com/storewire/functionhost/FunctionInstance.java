package com.storewire.functionhost;

import com.google.cloud.functions.invoker.runner.Invoker;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;

/**
 * One instance of the function: an invoker server on a port of its own, over a class loader of its
 * own. The loader sees the function's classpath and, from the host, only the Functions Framework
 * API, through the invoker's own API-only loader: exactly the isolation {@code java -jar
 * java-function-invoker.jar --classpath …} gives a function, once per instance.
 */
final class FunctionInstance implements AutoCloseable {

  private final int index;
  private final URLClassLoader loader;
  private final Invoker invoker;
  private final int port;

  private FunctionInstance(int index, URLClassLoader loader, Invoker invoker, int port) {
    this.index = index;
    this.loader = loader;
    this.invoker = invoker;
    this.port = port;
  }

  static FunctionInstance start(int index, String target, String signatureType, URL[] classpath)
      throws Exception {
    URLClassLoader loader =
        new URLClassLoader("function-instance-" + index, classpath, apiOnlyLoader());
    // Port 0: the system picks a free port, so instances never race each other for one.
    Invoker invoker = new Invoker(0, target, signatureType, loader);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      invoker.startTestServer(); // starts without joining: the host keeps several
    } finally {
      thread.setContextClassLoader(previous);
    }
    return new FunctionInstance(index, loader, invoker, localPort(invoker));
  }

  int index() {
    return index;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      invoker.stopServer();
      loader.close();
    } catch (Exception e) {
      System.err.println("function-host: instance " + index + " did not stop cleanly: " + e);
    }
  }

  /**
   * The invoker's own {@code OnlyApiClassLoader} over the host's loader: the function sees the
   * {@code com.google.cloud.functions} and {@code io.cloudevents} API classes the invoker passes
   * it, and none of the invoker's own libraries (Jetty, Gson, Jackson).
   */
  private static ClassLoader apiOnlyLoader() throws ReflectiveOperationException {
    Class<?> type = Class.forName(Invoker.class.getName() + "$OnlyApiClassLoader");
    Constructor<?> constructor = type.getDeclaredConstructor(ClassLoader.class);
    constructor.setAccessible(true);
    return (ClassLoader) constructor.newInstance(Invoker.class.getClassLoader());
  }

  /** The port the system gave the invoker's Jetty server; the invoker 2.0.0 keeps it private. */
  private static int localPort(Invoker invoker) throws ReflectiveOperationException {
    Field field = Invoker.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(invoker);
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof NetworkConnector network && network.getLocalPort() > 0) {
        return network.getLocalPort();
      }
    }
    throw new IllegalStateException("the invoker's server listens on no port");
  }
}

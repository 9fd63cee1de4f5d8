package com.storewire.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Ports on 127.0.0.1: picking a free one for an emulator and telling whether one is served. */
final class LoopbackPorts {

  static final String HOST = "127.0.0.1";

  /**
   * Ports already given to an emulator by this JVM. The operating system may offer a port again
   * once its probe socket is closed, and two emulators starting side by side must not both get it.
   */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private LoopbackPorts() {}

  static int pickFree() {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(HOST))) {
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("no free port on " + HOST, e);
      }
    }
  }

  static boolean acceptsConnections(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 200);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** Returns whether the port stopped accepting connections within the timeout. */
  static boolean awaitClosed(int port, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (acceptsConnections(port)) {
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      Pause.briefly();
    }
    return true;
  }
}

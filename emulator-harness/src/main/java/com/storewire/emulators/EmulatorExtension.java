package com.storewire.emulators;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Resolves {@link Emulators} and {@link TestProject} parameters; see {@link WithEmulators}. */
public final class EmulatorExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmulatorExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Emulators.class || type == TestProject.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == Emulators.class) {
      return Emulators.shared();
    }
    // One project per test method (or per class instance, for constructor parameters).
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(TestProject.class, k -> TestProject.fresh(), TestProject.class);
  }
}

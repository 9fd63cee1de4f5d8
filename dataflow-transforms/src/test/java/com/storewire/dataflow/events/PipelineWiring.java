package com.storewire.dataflow.events;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;

/** The names of a built pipeline's top-level steps, to check its wiring without running it. */
public final class PipelineWiring {

  private PipelineWiring() {}

  public static List<String> topLevelSteps(Pipeline pipeline) {
    List<String> steps = new ArrayList<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            if (!node.isRootNode() && node.getEnclosingNode().isRootNode()) {
              steps.add(node.getFullName());
            }
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            if (node.getEnclosingNode().isRootNode()) {
              steps.add(node.getFullName());
            }
          }
        });
    return steps;
  }
}

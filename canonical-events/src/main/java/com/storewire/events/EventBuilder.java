package com.storewire.events;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * Wraps a payload in the envelope, deriving what can be derived (type, subject, schema version) so
 * that producers cannot get it wrong. Example:
 *
 * <pre>{@code
 * Event placed = EventBuilder.of(orderPlaced).source(ORDER_INTAKE_SOURCE)
 *     .idempotencyKey(request.key()).build();
 * Event reserved = EventBuilder.of(stockReserved).source(ORDER_INTAKE_SOURCE)
 *     .causedBy(placed).build();
 * }</pre>
 */
public final class EventBuilder {

  private final SpecificRecord payload;
  private final EventType type;
  private String id = UUID.randomUUID().toString();
  private String source;
  private Instant time;
  private Clock clock = Clock.systemUTC();
  private String idempotencyKey;
  private String correlationId;
  private String causationId;

  private EventBuilder(SpecificRecord payload) {
    this.payload = Objects.requireNonNull(payload, "payload");
    this.type = EventType.ofPayload(payload);
  }

  public static EventBuilder of(SpecificRecord payload) {
    return new EventBuilder(payload);
  }

  /** A stable id, for events whose identity is derived (e.g. outbox entries). Default: UUID. */
  public EventBuilder id(String id) {
    this.id = id;
    return this;
  }

  /** CloudEvents source, a URI reference such as {@code //storewire/order-intake}. */
  public EventBuilder source(String source) {
    this.source = source;
    return this;
  }

  public EventBuilder time(Instant time) {
    this.time = time;
    return this;
  }

  public EventBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Default: the event id, i.e. the event is its own unit of work. */
  public EventBuilder idempotencyKey(String idempotencyKey) {
    this.idempotencyKey = idempotencyKey;
    return this;
  }

  /** Default: the event id, i.e. the event starts a new flow. */
  public EventBuilder correlationId(String correlationId) {
    this.correlationId = correlationId;
    return this;
  }

  /** Marks this event as a consequence of {@code cause}: same flow, cause's id as causation. */
  public EventBuilder causedBy(Event cause) {
    return causedBy(cause.getId(), cause.getCorrelationId());
  }

  /** As {@link #causedBy(Event)}, for a cause known only by its ids (e.g. stored with state). */
  public EventBuilder causedBy(String causeId, String causeCorrelationId) {
    this.correlationId = causeCorrelationId;
    this.causationId = causeId;
    return this;
  }

  public Event build() {
    Instant at = (time != null ? time : clock.instant()).truncatedTo(ChronoUnit.MILLIS);
    return Event.newBuilder()
        .setId(id)
        .setSource(Objects.requireNonNull(source, "source"))
        .setType(type.ceType())
        .setSpecversion("1.0")
        .setTime(at)
        .setSubject(type.subjectOf(payload))
        .setIdempotencyKey(idempotencyKey != null ? idempotencyKey : id)
        .setCorrelationId(correlationId != null ? correlationId : id)
        .setCausationId(causationId)
        .setSchemaVersion(EventSchema.CURRENT_VERSION)
        .setData(payload)
        .build();
  }
}

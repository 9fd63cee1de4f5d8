package com.storewire.intake.orders;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** An order as the API shows it. */
@Schema(name = "Order")
public record OrderResponse(
    @JsonProperty("order_id") String orderId,
    String status,
    String channel,
    @JsonProperty("channel_order_id") String channelOrderId,
    List<OrderView.Line> lines,
    List<Reserved> reservations,
    List<Short> shortfalls,
    @JsonProperty("expires_at") String expiresAt) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public record Reserved(
      @JsonProperty("reservation_id") String reservationId, String sku, int quantity) {}

  public record Short(String sku, int requested, int available) {}

  static OrderResponse of(OrderView view) {
    return new OrderResponse(
        view.orderId(),
        view.status().name(),
        view.channel(),
        view.channelOrderId(),
        view.lines(),
        view.reservations().stream()
            .map(r -> new Reserved(r.reservationId(), r.sku(), r.quantity()))
            .toList(),
        view.shortfalls().stream()
            .map(s -> new Short(s.getSku(), s.getRequested(), s.getAvailable()))
            .toList(),
        view.expiresAt().toString());
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

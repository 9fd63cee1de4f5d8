package com.storewire.intake.orders;

import com.storewire.events.ReleaseReason;
import com.storewire.events.codec.FieldError;
import com.storewire.intake.IntakeSettings;
import com.storewire.intake.deployment.PrivateRoute;
import com.storewire.intake.deployment.ServedRoutes;
import com.storewire.intake.deployment.StorefrontRoute;
import com.storewire.intake.problem.Problem;
import com.storewire.intake.problem.ProblemException;
import com.storewire.intake.stock.StockStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Storefront orders: place (idempotent), read, cancel. The storefront calls the public deployment
 * with its API key, and there sees only storefront orders: a marketplace order (whose id, {@code
 * channel-orderId}, is easy to guess) answers 404 as an unknown one does, and it cannot cancel one,
 * which would put units its marketplace still counts as sold back on sale. The private deployment
 * serves reads and cancellations of any order to its invokers: the reconciliation job reads whether
 * an order it recovered exists, operators cancel.
 */
@Controller("/v1/orders")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OrdersController {

  /** The channel POST /v1/orders places orders for; marketplaces' orders come by webhook. */
  static final String STOREFRONT = "storefront";

  private final OrderService orders;
  private final StockStore stock;
  private final IntakeSettings settings;
  private final ServedRoutes served;

  public OrdersController(
      OrderService orders, StockStore stock, IntakeSettings settings, ServedRoutes served) {
    this.orders = orders;
    this.stock = stock;
    this.settings = settings;
    this.served = served;
  }

  @StorefrontRoute
  @Operation(
      summary = "Place a storefront order, reserving every line or none",
      description =
          "The storefront's, on the public deployment only. The channel must be storefront: the"
              + " marketplaces' orders come by webhook.")
  @ApiResponse(
      responseCode = "201",
      description = "Placed; every unit reserved",
      content = @Content(schema = @Schema(implementation = OrderResponse.class)))
  @ApiResponse(
      responseCode = "409",
      description = "Not enough stock; the SKUs short are listed",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @ApiResponse(
      responseCode = "422",
      description = "Unknown SKU, or the key was used for another body",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @Post(
      consumes = MediaType.APPLICATION_JSON,
      produces = {MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  public HttpResponse<String> place(
      @Header("Idempotency-Key") @Nullable String idempotencyKey, @Body byte[] body) {
    if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
      throw new ProblemException(
          Problem.of(
                  HttpStatus.BAD_REQUEST,
                  "idempotency-key",
                  "Idempotency-Key required",
                  "Send a unique Idempotency-Key header (1 to 200 characters) with every order.")
              .withErrors(List.of(new FieldError("Idempotency-Key", "required header"))));
    }
    StorefrontOrderRequest request;
    try {
      request = StorefrontOrderRequest.parse(body, settings);
      if (!STOREFRONT.equals(request.channel())) {
        // The storefront's key must not spend a marketplace's ring-fenced lot.
        throw new InvalidOrderException(
            List.of(
                new FieldError(
                    "channel", "must be storefront: marketplaces' orders come by webhook")));
      }
    } catch (InvalidOrderException e) {
      throw new ProblemException(
          Problem.of(
                  HttpStatus.BAD_REQUEST,
                  "invalid-order",
                  "Invalid order",
                  "Some fields are missing or wrong.")
              .withErrors(e.errors()));
    }
    String fingerprint = sha256(body);
    Set<String> unknown =
        stock.unknown(request.lines().stream().map(l -> l.getSku()).distinct().toList());
    if (!unknown.isEmpty()) {
      throw new ProblemException(
          Problem.of(
                  HttpStatus.UNPROCESSABLE_ENTITY,
                  "unknown-sku",
                  "Unknown SKU",
                  "No stock was ever received for " + unknown)
              .withErrors(
                  unknown.stream()
                      .map(s -> new FieldError("lines.sku", "unknown SKU " + s))
                      .toList()));
    }
    NewOrder order =
        new NewOrder(
            "ord-" + UUID.randomUUID(),
            request.channel(),
            null,
            request.lines(),
            request.total(),
            request.customerEmail(),
            request.shipTo(),
            false,
            new NewOrder.DedupeKey(
                "idempotency_keys",
                sha256(idempotencyKey.getBytes(StandardCharsets.UTF_8)),
                fingerprint),
            null);
    Placement placement = orders.place(order, this::render);
    if (placement.repeat()) {
      Placement.StoredResponse stored = placement.storedResponse();
      if (!stored.fingerprint().equals(fingerprint)) {
        throw new ProblemException(
            Problem.of(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "idempotency-key-reused",
                "Idempotency-Key reused",
                "This Idempotency-Key was first used with a different body; use a new key for a new order."));
      }
      return HttpResponse.<String>status(HttpStatus.valueOf(stored.status()))
          .contentType(stored.status() == 201 ? MediaType.APPLICATION_JSON : Problem.MEDIA_TYPE)
          .body(stored.body());
    }
    Placement.StoredResponse response = placement.storedResponse();
    return HttpResponse.<String>status(HttpStatus.valueOf(response.status()))
        .contentType(response.status() == 201 ? MediaType.APPLICATION_JSON : Problem.MEDIA_TYPE)
        .body(response.body());
  }

  /** The answer to a placement, also kept with the idempotency key for repeats. */
  private Placement.StoredResponse render(OrderView placement) {
    if (placement.status() == OrderStatus.PLACED) {
      return new Placement.StoredResponse(201, OrderResponse.of(placement).toJson(), null);
    }
    Problem problem =
        Problem.of(
                HttpStatus.CONFLICT,
                "insufficient-stock",
                "Insufficient stock",
                "Not every line could be reserved; nothing was.")
            .with("order_id", placement.orderId())
            .with(
                "shortfalls",
                placement.shortfalls().stream()
                    .map(
                        s ->
                            new OrderResponse.Short(s.getSku(), s.getRequested(), s.getAvailable()))
                    .toList());
    return new Placement.StoredResponse(409, problem.toJson(), null);
  }

  @StorefrontRoute
  @PrivateRoute
  @Operation(
      summary = "Read an order",
      description =
          "Public deployment: storefront orders only (any other answers 404). Private deployment:"
              + " any order; the reconciliation job checks whether it holds an order it recovered.")
  @ApiResponse(
      responseCode = "404",
      description = "No such order (on the public deployment: no such storefront order)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> get(@PathVariable String id) {
    return HttpResponse.ok(OrderResponse.of(visible(id).orElseThrow(() -> notFound(id))).toJson())
        .contentType(MediaType.APPLICATION_JSON);
  }

  @StorefrontRoute
  @PrivateRoute
  @Operation(
      summary = "Cancel an order, releasing its reservations",
      description =
          "Public deployment: the storefront cancels its own orders (any other answers 404)."
              + " Private deployment: operators cancel any order.")
  @Post(uri = "/{id}:cancel", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> cancel(@PathVariable String id) {
    visible(id).orElseThrow(() -> notFound(id));
    OrderView view = orders.release(id, ReleaseReason.CANCELLED).orElseThrow(() -> notFound(id));
    if (view.status() != OrderStatus.CANCELLED) {
      throw new ProblemException(
          Problem.of(
              HttpStatus.CONFLICT,
              "not-cancellable",
              "Order not cancellable",
              "Order " + id + " is " + view.status() + " and holds no stock to release."));
    }
    return HttpResponse.ok(OrderResponse.of(view).toJson()).contentType(MediaType.APPLICATION_JSON);
  }

  /** The order, if this deployment shows it: the public one shows only storefront orders. */
  private Optional<OrderView> visible(String id) {
    return orders
        .find(id)
        .filter(order -> !served.isPublic() || STOREFRONT.equals(order.channel()));
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(
        Problem.of(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", "No order " + id));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

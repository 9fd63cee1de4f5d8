package com.storewire.intake.webhooks;

import com.storewire.intake.deployment.PrivateRoute;
import com.storewire.intake.deployment.WebhookRoute;
import com.storewire.intake.problem.Problem;
import com.storewire.intake.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Marketplace order webhooks, each in its vendor's documented shape and signature, delivered to the
 * public deployment. The private deployment serves the same paths to the reconciliation job, which
 * posts an order it recovered in the same shape, signed with {@value WebhookIntake#RECOVERY_HEADER}
 * instead of the vendor's signature.
 */
@Controller("/v1/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
@WebhookRoute
@PrivateRoute
@ApiResponse(responseCode = "200", description = "Received: placed, oversold, parked or duplicate")
@ApiResponse(
    responseCode = "401",
    description = "The signature this deployment checks did not verify; nothing was stored")
public class WebhooksController {

  private static final String RECOVERY =
      "Public deployment: the vendor's delivery, checked with the vendor's own signature (401 when"
          + " it does not verify, or when the delivery carries X-Storewire-Recovery-Signature)."
          + " Private deployment: only an order the reconciliation job recovered (its webhook was"
          + " lost), in this vendor's body shape, signed with X-Storewire-Recovery-Signature:"
          + " base64 HMAC-SHA256 of the raw body keyed with STOREWIRE_RECOVERY_SECRET (401 without"
          + " it or when wrong). An order already placed (same channel and order id) answers"
          + " \"duplicate\".";

  private final WebhookIntake intake;
  private final EbayEndpointChallenge ebayChallenge;

  public WebhooksController(WebhookIntake intake, @Nullable EbayEndpointChallenge ebayChallenge) {
    this.intake = intake;
    this.ebayChallenge = ebayChallenge;
  }

  @Operation(
      summary = "Shopify orders/create (X-Shopify-Hmac-Sha256, deduped by X-Shopify-Webhook-Id)",
      description = RECOVERY)
  @Post(
      uri = "/shopify/orders-create",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public WebhookIntake.Receipt shopify(@Body byte[] body, HttpHeaders headers) {
    return intake.receive(Marketplace.SHOPIFY, body, headers);
  }

  @Operation(summary = "WooCommerce order.created (X-WC-Webhook-Signature)", description = RECOVERY)
  @Post(
      uri = "/woocommerce/order-created",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public WebhookIntake.Receipt woocommerce(@Body byte[] body, HttpHeaders headers) {
    return intake.receive(Marketplace.WOOCOMMERCE, body, headers);
  }

  @Operation(
      summary = "eBay Notification API envelope carrying an order (X-EBAY-SIGNATURE, ECDSA)",
      description = RECOVERY)
  @Post(
      uri = "/ebay/notifications",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public WebhookIntake.Receipt ebay(@Body byte[] body, HttpHeaders headers) {
    return intake.receive(Marketplace.EBAY, body, headers);
  }

  @Operation(
      summary = "eBay's endpoint validation of the notification endpoint (challenge_code)",
      description =
          "eBay calls this when a destination is created or changed, and answers nothing else"
              + " sent there until it passes: 200 with challengeResponse, the hex SHA-256 of"
              + " challenge_code + the verification token (storewire.webhooks.ebay"
              + ".verification-token) + the endpoint eBay was given (storewire.webhooks.ebay"
              + ".endpoint). Without challenge_code: 400.")
  @Get(uri = "/ebay/notifications", produces = MediaType.APPLICATION_JSON)
  public EbayEndpointChallenge.Answer ebayChallenge(
      io.micronaut.http.HttpRequest<?> request,
      @Nullable @QueryValue("challenge_code") String challengeCode) {
    if (ebayChallenge == null) {
      // The private deployment takes recovered orders only; eBay never reaches it.
      throw new ProblemException(Problem.notFound(request));
    }
    if (challengeCode == null || challengeCode.isBlank()) {
      throw new ProblemException(
          Problem.of(
              HttpStatus.BAD_REQUEST,
              "missing-challenge-code",
              "Missing challenge_code",
              "eBay validates this endpoint with GET ?challenge_code=…; this request had none."));
    }
    return ebayChallenge.answer(challengeCode);
  }

  @Operation(
      summary = "Amazon SP-API ORDER_CHANGE through an EventBridge API destination",
      description = RECOVERY)
  @Post(
      uri = "/amazon/order-change",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public WebhookIntake.Receipt amazon(@Body byte[] body, HttpHeaders headers) {
    return intake.receive(Marketplace.AMAZON, body, headers);
  }
}

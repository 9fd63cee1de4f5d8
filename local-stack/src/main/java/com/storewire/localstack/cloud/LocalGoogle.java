package com.storewire.localstack.cloud;

import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.api.client.json.webtoken.JsonWebToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Google's identity, on this machine: an RSA key pair that signs Google-style OIDC ID tokens
 * (RS256, issuer {@code https://accounts.google.com}) for service-account emails, the verification
 * keys served as Google serves them (a JWKS at {@link #certsUrl()}, which google-auth's {@code
 * TokenVerifier.setCertificatesLocation} reads), and a GCE metadata server per identity: a process
 * started with {@link #metadataEnv(String)} gets that identity's ID tokens through google-auth's
 * {@code ComputeEngineCredentials} and {@code IdTokenCredentials} (or application default
 * credentials) exactly as it does on Cloud Run.
 *
 * <p>What signs here is only ever verified here: every token is worthless outside this process's
 * lifetime, and the key pair is new each start.
 */
public final class LocalGoogle implements AutoCloseable {

  public static final String ISSUER = "https://accounts.google.com";

  /** Google's ID tokens live an hour. */
  static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

  /** A cached token is handed out again while it has this long left, as google-auth refreshes. */
  private static final Duration REUSE_MARGIN = Duration.ofMinutes(5);

  private static final JsonFactory JSON = GsonFactory.getDefaultInstance();
  private static final String METADATA_FLAVOR = "Metadata-Flavor";
  private static final String ACCOUNTS = "/computeMetadata/v1/instance/service-accounts/";

  static {
    // Without TCP_NODELAY the JDK server waits on delayed ACKs: ~40 ms a small answer. It is read
    // once, when the JVM's first JDK HTTP server starts (the vendor sandbox sets it too).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final String projectId;
  private final KeyPair keys = rsaKeyPair();
  private final String keyId = keyId((RSAPublicKey) keys.getPublic());
  private final byte[] jwks;
  private final HttpServer certs;
  private final ExecutorService serving =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "local-google");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, HttpServer> metadataServers = new ConcurrentHashMap<>();
  private final Map<String, String> emailsBySubject = new ConcurrentHashMap<>();
  private final Map<String, Minted> minted = new ConcurrentHashMap<>();
  private final Map<String, Caller> verified = new ConcurrentHashMap<>();
  private final Path emptyGcloudConfig;

  private LocalGoogle(String projectId) throws IOException {
    this.projectId = projectId;
    this.jwks = jwks((RSAPublicKey) keys.getPublic(), keyId);
    this.emptyGcloudConfig = Files.createTempDirectory("storewire-no-gcloud-config");
    this.certs = server();
    certs.createContext(
        "/oauth2/v3/certs",
        exchange -> {
          exchange.getResponseHeaders().set("Cache-Control", "public, max-age=3600");
          respond(exchange, 200, "application/json; charset=UTF-8", jwks);
        });
    certs.start();
  }

  /** Starts Google's stand-in; {@code projectId} is what the metadata servers say they run in. */
  public static LocalGoogle start(String projectId) {
    try {
      return new LocalGoogle(projectId);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local Google identity", e);
    }
  }

  /** Where the verification keys are, as {@code https://www.googleapis.com/oauth2/v3/certs}. */
  public String certsUrl() {
    return "http://127.0.0.1:" + certs.getAddress().getPort() + "/oauth2/v3/certs";
  }

  /**
   * An ID token for {@code email} and {@code audience}, with the {@code email} claim, as Pub/Sub
   * push and IAM's generateIdToken mint them. The same token comes back while it has five minutes
   * left: signing costs a millisecond or two, and callers (the push bridge) ask per delivery.
   */
  public String idToken(String email, String audience) {
    String key = email + '\n' + audience;
    Instant now = Instant.now();
    Minted token = minted.get(key);
    if (token == null || token.expiresAt().isBefore(now.plus(REUSE_MARGIN))) {
      token = new Minted(mint(email, audience, true, now), now.plus(TOKEN_LIFETIME));
      minted.put(key, token);
    }
    return token.value();
  }

  /**
   * A freshly signed ID token: with the {@code email} and {@code email_verified} claims when {@code
   * withEmail} (the metadata server's {@code format=full}), without them otherwise (its default
   * {@code format=standard}, where only {@code sub} names the account).
   */
  String mint(String email, String audience, boolean withEmail, Instant issuedAt) {
    String subject = subject(email);
    JsonWebSignature.Header header =
        new JsonWebSignature.Header().setAlgorithm("RS256").setKeyId(keyId).setType("JWT");
    JsonWebToken.Payload payload =
        new JsonWebToken.Payload()
            .setIssuer(ISSUER)
            .setAudience(audience)
            .setSubject(subject)
            .setIssuedAtTimeSeconds(issuedAt.getEpochSecond())
            .setExpirationTimeSeconds(issuedAt.plus(TOKEN_LIFETIME).getEpochSecond());
    payload.set("azp", subject);
    if (withEmail) {
      payload.set("email", email);
      payload.set("email_verified", true);
    }
    try {
      return JsonWebSignature.signUsingRsaSha256(keys.getPrivate(), JSON, header, payload);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot sign an ID token", e);
    }
  }

  /**
   * Who presents {@code token}: checked as Google's verifiers check it (signature, issuer, expiry).
   */
  public Caller verify(String token) throws InvalidToken {
    Caller caller = verified.get(token);
    if (caller == null) {
      caller = check(token);
      if (verified.size() > 10_000) {
        verified.clear(); // tokens live an hour; a local run never holds this many at once
      }
      verified.put(token, caller);
    }
    if (!caller.expiresAt().isAfter(Instant.now())) {
      throw new InvalidToken("the token has expired");
    }
    return caller;
  }

  private Caller check(String token) throws InvalidToken {
    JsonWebSignature jws;
    try {
      jws = JsonWebSignature.parse(JSON, token);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidToken("not a JWT");
    }
    try {
      if (!"RS256".equals(jws.getHeader().getAlgorithm())
          || !keyId.equals(jws.getHeader().getKeyId())
          || !jws.verifySignature(keys.getPublic())) {
        throw new InvalidToken("not signed by this Google");
      }
    } catch (GeneralSecurityException e) {
      throw new InvalidToken("not signed by this Google");
    }
    JsonWebToken.Payload payload = jws.getPayload();
    String issuer = payload.getIssuer();
    if (!ISSUER.equals(issuer) && !"accounts.google.com".equals(issuer)) {
      throw new InvalidToken("issued by " + issuer);
    }
    Object email = payload.get("email");
    String account = email instanceof String s ? s : emailsBySubject.get(payload.getSubject());
    List<String> audiences = payload.getAudienceAsList();
    Long expires = payload.getExpirationTimeSeconds();
    if (account == null || audiences.size() != 1 || expires == null) {
      throw new InvalidToken("no account, audience or expiry");
    }
    return new Caller(account, audiences.get(0), Instant.ofEpochSecond(expires));
  }

  /**
   * The metadata server of {@code email}'s processes, as {@code host:port} for {@code
   * GCE_METADATA_HOST}; started on first use.
   */
  public String metadataHost(String email) {
    HttpServer server = metadataServers.computeIfAbsent(email, this::startMetadataServer);
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * The environment that makes a process run as {@code email}, as on Cloud Run: its metadata
   * server, and no credentials of the developer's (no key file, an empty gcloud configuration) for
   * application default credentials to find first.
   */
  public Map<String, String> metadataEnv(String email) {
    Map<String, String> env = new HashMap<>();
    env.put("GCE_METADATA_HOST", metadataHost(email));
    env.put("GCE_METADATA_IP", metadataHost(email));
    env.put("GOOGLE_APPLICATION_CREDENTIALS", "");
    env.put("CLOUDSDK_CONFIG", emptyGcloudConfig.toString());
    return env;
  }

  private HttpServer startMetadataServer(String email) {
    subject(email);
    try {
      HttpServer server = server();
      server.createContext("/", exchange -> answerMetadata(exchange, email));
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a metadata server for " + email, e);
    }
  }

  /**
   * The paths google-auth's {@code ComputeEngineCredentials} and {@code ServiceOptions} call:
   * {@code /} (its ping: any answer with {@code Metadata-Flavor: Google}), the default account's
   * {@code email}, {@code identity} and {@code token}, the project, and the universe domain. Like
   * the real server it answers only requests carrying {@code Metadata-Flavor: Google}.
   */
  private void answerMetadata(HttpExchange exchange, String email) throws IOException {
    exchange.getResponseHeaders().set(METADATA_FLAVOR, "Google");
    if (!"Google".equals(exchange.getRequestHeaders().getFirst(METADATA_FLAVOR))) {
      text(exchange, 403, "Missing required header \"Metadata-Flavor\": \"Google\"\n");
      return;
    }
    String path = exchange.getRequestURI().getPath();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String account = null;
    if (path.startsWith(ACCOUNTS)) {
      String rest = path.substring(ACCOUNTS.length());
      int slash = rest.indexOf('/');
      String alias = slash < 0 ? rest : rest.substring(0, slash);
      account = alias.equals("default") || alias.equals(email) ? rest.substring(slash + 1) : null;
    }
    if (path.equals("/")) {
      text(exchange, 200, "computeMetadata/\n");
    } else if (path.equals("/computeMetadata/v1/project/project-id")) {
      text(exchange, 200, projectId);
    } else if (path.equals("/computeMetadata/v1/project/numeric-project-id")) {
      text(exchange, 200, projectNumber());
    } else if (path.equals("/computeMetadata/v1/universe/universe-domain")) {
      text(exchange, 200, "googleapis.com");
    } else if (path.equals(ACCOUNTS)) {
      text(exchange, 200, "default/\n" + email + "/\n");
    } else if ("email".equals(account)) {
      text(exchange, 200, email);
    } else if ("identity".equals(account)) {
      String audience = query.get("audience");
      if (audience == null || audience.isEmpty()) {
        text(exchange, 400, "non-empty audience parameter required\n");
      } else {
        boolean full = "full".equals(query.get("format"));
        text(exchange, 200, mint(email, audience, full, Instant.now()));
      }
    } else if ("token".equals(account)) {
      // An opaque access token: nothing local checks one (the emulators take none).
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String token = "ya29.local-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      respond(
          exchange,
          200,
          "application/json",
          ("{\"access_token\":\"" + token + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")
              .getBytes(StandardCharsets.UTF_8));
    } else {
      text(exchange, 404, "Not Found\n");
    }
  }

  /** The account's unique id, a 21-digit number as Google's are, the same every run. */
  private String subject(String email) {
    String subject = "1" + digits(email, 20);
    emailsBySubject.putIfAbsent(subject, email);
    return subject;
  }

  private String projectNumber() {
    return "1" + digits(projectId, 11);
  }

  private static String digits(String of, int count) {
    byte[] hash = sha256(of.getBytes(StandardCharsets.UTF_8));
    String digits = new BigInteger(1, hash).toString();
    return digits.substring(digits.length() - count);
  }

  private HttpServer server() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(serving);
    return server;
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        query.put(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  private static void text(HttpExchange exchange, int status, String body) throws IOException {
    respond(exchange, status, "application/text", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] jwks(RSAPublicKey key, String keyId) {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    Map<String, Object> jwk =
        Map.of(
            "kty",
            "RSA",
            "alg",
            "RS256",
            "use",
            "sig",
            "kid",
            keyId,
            "n",
            base64.encodeToString(unsigned(key.getModulus())),
            "e",
            base64.encodeToString(unsigned(key.getPublicExponent())));
    try {
      return JSON.toByteArray(Map.of("keys", List.of(jwk)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static String keyId(RSAPublicKey key) {
    return HexFormat.of().formatHex(sha256(key.getEncoded()), 0, 20);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    certs.stop(0);
    metadataServers.values().forEach(server -> server.stop(0));
    serving.shutdownNow();
    try {
      Files.deleteIfExists(emptyGcloudConfig);
    } catch (IOException e) {
      // a leftover empty temporary directory
    }
  }

  private record Minted(String value, Instant expiresAt) {}

  /** The account a verified token names, the audience it was minted for, and when it expires. */
  public record Caller(String email, String audience, Instant expiresAt) {}

  /** A token this Google did not sign, or one that no longer holds. */
  public static final class InvalidToken extends Exception {
    public InvalidToken(String reason) {
      super(reason);
    }
  }
}

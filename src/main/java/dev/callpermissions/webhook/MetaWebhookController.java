package dev.callpermissions.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;

import dev.callpermissions.provider.WebhookReader;
import dev.callpermissions.system.ErrorCode;
import dev.callpermissions.system.RefusedRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meta's webhook: the subscription handshake, and signed deliveries that drop the cached
 * answers they make stale. Open to callers without {@code X-API-Key}: the verify token
 * and the signature are the checks.
 */
@RestController
@Tag(name = "Webhooks", description = "Signed vendor deliveries that keep cached answers fresh")
class MetaWebhookController {

	/** 1 MiB: far above any delivery Meta documents, far below what could hurt. */
	static final int MAX_BODY_BYTES = 1024 * 1024;

	/**
	 * Bodies held at once, whoever sends them: 16 of the largest, thousands of the few
	 * KiB Meta sends. Callers need no key here, so without a bound a few hundred slow
	 * senders of 1 MiB would fill the heap.
	 */
	static final int BODY_BUDGET_KIB = 16 * 1024;

	private static final String PATH = "/webhooks/meta";

	private static final Logger logger = LoggerFactory.getLogger(MetaWebhookController.class);

	private final MetaWebhookProperties properties;

	private final WebhookSignature signature;

	private final WebhookReader reader;

	private final WebhookDeliveries deliveries;

	private final WebhookMetrics metrics;

	private final Semaphore bodyBudget = new Semaphore(BODY_BUDGET_KIB);

	MetaWebhookController(MetaWebhookProperties properties, List<WebhookReader> readers, WebhookDeliveries deliveries,
			WebhookMetrics metrics) {
		this.properties = properties;
		this.signature = new WebhookSignature(properties.appSecrets().values());
		this.reader = readers.stream()
			.filter((candidate) -> "meta".equals(candidate.vendor()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No webhook reader for meta"));
		this.deliveries = deliveries;
		this.metrics = metrics;
	}

	@GetMapping(PATH)
	@Operation(summary = "Meta's subscription handshake",
			description = "Meta calls this when the webhook is configured in the app dashboard: with the "
					+ "configured verify token the answer is the challenge, as text/plain.")
	@SecurityRequirements
	@WebhookDocumentation.HandshakeResponses
	ResponseEntity<String> verify(
			@Parameter(name = "hub.mode", description = "Always subscribe",
					example = "subscribe") @RequestParam(name = "hub.mode", required = false) String mode,
			@Parameter(name = "hub.verify_token",
					description = "Must equal call-permissions.webhooks.meta.verify-token") @RequestParam(
							name = "hub.verify_token", required = false) String verifyToken,
			@Parameter(name = "hub.challenge", description = "Echoed back when the token matches",
					example = "1158201444") @RequestParam(name = "hub.challenge", required = false) String challenge) {
		requireEnabled();
		if (!"subscribe".equals(mode) || challenge == null || verifyToken == null
				|| !sameText(verifyToken, this.properties.verifyToken())) {
			logger.warn("Webhook handshake provider=meta refused");
			throw new RefusedRequestException(ErrorCode.WEBHOOK_VERIFICATION_FAILED,
					"hub.mode must be subscribe, hub.challenge present and hub.verify_token the configured token.");
		}
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
	}

	@PostMapping(PATH)
	@Operation(summary = "Receive Meta's signed webhook deliveries",
			description = "A call_permission_reply (accept, reject, permanent, automatic revocation) or a calls "
					+ "event drops every cached answer of that user on that business number, under both the "
					+ "phone number and the business-scoped user id, so the next lookup asks the vendor. Every "
					+ "correctly signed delivery is acknowledged with 200, also when nothing in it concerns "
					+ "this service or part of it cannot be read.")
	@SecurityRequirements
	@WebhookDocumentation.DeliveryResponses
	ResponseEntity<Void> receive(@Parameter(name = WebhookSignature.HEADER,
			description = "sha256= and the hex HMAC-SHA256 of the raw body under one of the configured app secrets",
			example = "sha256=5f2b8c…") @RequestHeader(name = WebhookSignature.HEADER,
					required = false) String signatureHeader,
			HttpServletRequest request) {
		requireEnabled();
		long declared = request.getContentLengthLong();
		if (!WebhookSignature.wellFormed(signatureHeader)) {
			throw invalidSignature(declared);
		}
		if (declared > MAX_BODY_BYTES) {
			throw tooLarge(declared);
		}
		int reserved = (declared >= 0) ? (int) Math.max(1, (declared + 1023) / 1024) : MAX_BODY_BYTES / 1024;
		if (!this.bodyBudget.tryAcquire(reserved)) {
			refused("busy", declared);
			throw new RefusedRequestException(ErrorCode.RATE_LIMITED,
					"Too many deliveries are being read at once; send it again shortly.", Duration.ofSeconds(1));
		}
		try {
			byte[] body = body(request);
			if (!this.signature.matches(signatureHeader, body)) {
				throw invalidSignature(body.length);
			}
			this.deliveries.deliver(this.reader, body);
		}
		finally {
			this.bodyBudget.release(reserved);
		}
		return ResponseEntity.ok().build();
	}

	private void requireEnabled() {
		if (!this.properties.enabled()) {
			throw new RefusedRequestException(ErrorCode.NOT_FOUND, "Meta webhooks are not configured on this service.");
		}
	}

	/** The raw body, read no further than one byte past the limit. */
	private byte[] body(HttpServletRequest request) {
		byte[] body;
		try {
			body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
		}
		catch (IOException ex) {
			throw new RefusedRequestException(ErrorCode.INVALID_REQUEST, "The body could not be read.");
		}
		if (body.length > MAX_BODY_BYTES) {
			throw tooLarge(body.length);
		}
		return body;
	}

	private RefusedRequestException invalidSignature(long bytes) {
		refused("invalid_signature", bytes);
		return new RefusedRequestException(ErrorCode.INVALID_SIGNATURE, WebhookSignature.HEADER
				+ " is missing or is not the HMAC-SHA256 of the body under a configured app secret.");
	}

	private RefusedRequestException tooLarge(long bytes) {
		refused("payload_too_large", bytes);
		return new RefusedRequestException(ErrorCode.PAYLOAD_TOO_LARGE, "A delivery may be at most 1 MiB.");
	}

	private void refused(String outcome, long bytes) {
		this.metrics.count(this.reader.vendor(), "delivery", outcome);
		logger.warn("Webhook delivery provider=meta bytes={} refused: {}", bytes, outcome);
	}

	/** Constant time whatever the lengths: the digests are compared, not the texts. */
	private static boolean sameText(String given, String expected) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			byte[] givenDigest = sha256.digest(given.getBytes(StandardCharsets.UTF_8));
			return MessageDigest.isEqual(givenDigest, sha256.digest(expected.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}

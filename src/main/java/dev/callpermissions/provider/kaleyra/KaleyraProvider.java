package dev.callpermissions.provider.kaleyra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callpermissions.permission.Permission;
import dev.callpermissions.permission.PermissionStatus;
import dev.callpermissions.phone.InvalidPhoneNumberException;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.phone.WhatsAppUser;
import dev.callpermissions.provider.CallPermissionProvider;
import dev.callpermissions.provider.Channel;
import dev.callpermissions.provider.ProviderAnswer;
import dev.callpermissions.provider.ProviderException.VendorError;
import dev.callpermissions.provider.ProviderFailure;
import dev.callpermissions.provider.ProviderOutcome;
import dev.callpermissions.provider.UserLookup;
import dev.callpermissions.provider.VendorClient;
import dev.callpermissions.provider.VendorClient.VendorFailure;
import dev.callpermissions.provider.VendorResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks up call consent on Kaleyra: {@code GET /v2/{sid}/whatsapp/call_permissions} with
 * comma-separated business and user numbers, reading {@code limit}/{@code offset} pages
 * until {@code total} is reached. Many users go in one request.
 * <p>
 * Kaleyra lists consent records, possibly several for one pair, without the time of the
 * user's reply: the most restrictive record answers, a record that cannot be read fails
 * only its own pair, and the raw body kept for a pair lists that pair's records only.
 */
final class KaleyraProvider implements CallPermissionProvider {

	private static final Logger logger = LoggerFactory.getLogger(KaleyraProvider.class);

	/** Users per request, keeping the URL far below common 8 KiB limits. */
	static final int USERS_PER_REQUEST = 50;

	static final int PAGE_SIZE = 100;

	/**
	 * Bounds the pages read for one request, should {@code total} never be reached: 2,000
	 * records in full pages, and the empty page that shows they ended.
	 */
	static final int MAX_PAGES = 21;

	private static final String SUCCESS = "WA200";

	/** "Incorrect SID or API key." */
	private static final String AUTH_FAILURE = "RBC001";

	/** Most restrictive first; among temporary ones, the earliest expiry. */
	private static final Comparator<Reading> MOST_RESTRICTIVE_FIRST = Comparator.comparingInt(Reading::rank)
		.thenComparing((Reading reading) -> reading.permission().expiresAt(),
				Comparator.nullsLast(Comparator.naturalOrder()));

	private final String sid;

	private final VendorClient client;

	private final ObjectReader treeReader;

	private final ObjectReader responseReader;

	private final ObjectReader consentReader;

	private final Counter conflicts;

	KaleyraProvider(String sid, VendorClient client, ObjectReader reader, MeterRegistry meterRegistry) {
		this.sid = sid;
		this.client = client;
		this.treeReader = reader;
		this.responseReader = reader.forType(KaleyraWire.Response.class);
		this.consentReader = reader.forType(KaleyraWire.Consent.class);
		this.conflicts = Counter.builder("call.permissions.conflicting.records")
			.description("Pairs for which Kaleyra listed consent records that disagree")
			.tag("provider", "kaleyra")
			.register(meterRegistry);
	}

	@Override
	public ProviderAnswer lookup(Channel channel, WhatsAppUser user) {
		return lookupAll(List.of(new UserLookup(channel, user))).get(0).orThrow();
	}

	@Override
	public int usersPerRequest() {
		return USERS_PER_REQUEST;
	}

	@Override
	public List<ProviderOutcome> lookupAll(List<UserLookup> lookups) {
		List<ProviderOutcome> outcomes = new ArrayList<>(lookups.size());
		List<UserLookup> pending = List.copyOf(lookups);
		for (int from = 0; from < pending.size(); from += USERS_PER_REQUEST) {
			List<UserLookup> chunk = pending.subList(from, Math.min(pending.size(), from + USERS_PER_REQUEST));
			Listing listing = listing(chunk);
			chunk.forEach((lookup) -> outcomes.add(outcome(listing, lookup)));
		}
		return outcomes;
	}

	private ProviderOutcome outcome(Listing listing, UserLookup lookup) {
		String business = PhoneNumber.parse(lookup.channel().businessNumber()).value();
		String user = lookup.user().value();
		if (!listing.complete()) {
			return unusable(listing, "listing ended before its total", null);
		}
		for (Unplaced unplaced : listing.unplaced()) {
			if ((unplaced.business() == null || unplaced.business().equals(business))
					&& (unplaced.user() == null || unplaced.user().equals(user))) {
				return unusable(listing, "unreadable consent record", null);
			}
		}
		List<JsonNode> records = listing.byPair().getOrDefault(business + "|" + user, List.of());
		// the envelope alone: the listing holds every other user's records too
		ObjectNode envelope = listing.envelope();
		Supplier<byte[]> raw = () -> raw(envelope, records);
		if (records.isEmpty()) {
			return ProviderOutcome
				.answered(new ProviderAnswer(KaleyraPermissionMapper.NO_RECORD, List.of(), raw, null));
		}
		List<KaleyraWire.Consent> consents = new ArrayList<>(records.size());
		List<Reading> readings = new ArrayList<>(records.size());
		for (JsonNode record : records) {
			try {
				KaleyraWire.Consent consent = this.consentReader.treeToValue(record, KaleyraWire.Consent.class);
				readings.add(new Reading(KaleyraPermissionMapper.permission(consent),
						Boolean.TRUE.equals(consent.canPerformAction())));
				consents.add(consent);
			}
			catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException ex) {
				return unusable(listing, "unreadable consent record", ex);
			}
		}
		Reading verdict = readings.stream().min(MOST_RESTRICTIVE_FIRST).orElseThrow();
		if (readings.stream().distinct().count() > 1) {
			this.conflicts.increment();
			logger.warn(
					"Kaleyra listed {} disagreeing consent records for business {} and user {}; "
							+ "answering with the most restrictive ({})",
					readings.size(), PhoneNumber.parse(business).masked(), lookup.user().masked(),
					verdict.permission().providerStatus());
		}
		return ProviderOutcome
			.answered(new ProviderAnswer(verdict.permission(), KaleyraPermissionMapper.actions(consents), raw, null));
	}

	private ProviderOutcome unusable(Listing listing, String what, Throwable cause) {
		return ProviderOutcome.failed(this.client.failure(ProviderFailure.UNUSABLE_ANSWER,
				new VendorError(200, listing.code(), what, null), cause));
	}

	/**
	 * Kaleyra's envelope with this pair's records only: another user's consent is never
	 * shown.
	 */
	private static byte[] raw(ObjectNode envelope, List<JsonNode> records) {
		ObjectNode raw = envelope.deepCopy();
		ArrayNode data = raw.putArray("data");
		records.forEach(data::add);
		raw.put("total", records.size());
		return raw.toString().getBytes(StandardCharsets.UTF_8);
	}

	private Listing listing(List<UserLookup> lookups) {
		Set<String> businessNumbers = new LinkedHashSet<>();
		Set<String> userNumbers = new LinkedHashSet<>();
		for (UserLookup lookup : lookups) {
			businessNumbers.add(PhoneNumber.parse(lookup.channel().businessNumber()).value());
			userNumbers.add(((PhoneNumber) lookup.user()).value());
		}
		ObjectNode envelope = null;
		String code = null;
		Map<String, List<JsonNode>> byPair = new LinkedHashMap<>();
		List<Unplaced> unplaced = new ArrayList<>();
		int offset = 0;
		boolean complete = false;
		for (int read = 0; read < MAX_PAGES && !complete; read++) {
			Page page = page(businessNumbers, userNumbers, offset);
			if (envelope == null) {
				envelope = page.envelope();
				code = page.code();
			}
			for (JsonNode record : page.records()) {
				String business = number(record, "business_phone_number");
				String user = number(record, "user_phone_number");
				if (business != null && user != null) {
					byPair.computeIfAbsent(business + "|" + user, (key) -> new ArrayList<>()).add(record);
				}
				else {
					unplaced.add(new Unplaced(business, user));
				}
			}
			offset += page.records().size();
			// Kaleyra's reference leaves open whether total counts the listing or the
			// page: a full page may have a next one, whatever total says
			complete = !page.full() && (page.total() == null || offset >= page.total());
			if (page.records().isEmpty()) {
				break;
			}
		}
		return new Listing(envelope, code, byPair, unplaced, complete);
	}

	/** Kaleyra may format numbers its own way; pairs are compared in E.164. */
	private static String number(JsonNode record, String field) {
		JsonNode value = record.get(field);
		if (value == null || !value.isTextual()) {
			return null;
		}
		try {
			return PhoneNumber.parse(value.asText()).value();
		}
		catch (InvalidPhoneNumberException ex) {
			return null;
		}
	}

	private Page page(Set<String> businessNumbers, Set<String> userNumbers, int offset) {
		// literal commas between percent-encoded numbers, as in Kaleyra's sample request
		StringBuilder template = new StringBuilder("/v2/{sid}/whatsapp/call_permissions?business_phone_number=");
		List<Object> variables = new ArrayList<>(businessNumbers.size() + userNumbers.size() + 3);
		variables.add(this.sid);
		appendList(template, "b", businessNumbers, variables);
		template.append("&user_phone_number=");
		appendList(template, "u", userNumbers, variables);
		template.append("&limit={limit}&offset={offset}");
		variables.add(PAGE_SIZE);
		variables.add(offset);
		return this.client.exchange(this::readPage, this::classify, template.toString(), variables.toArray());
	}

	private Page readPage(VendorResponse response) throws IOException {
		JsonNode tree = this.treeReader.readTree(response.body());
		if (tree == null || !tree.isObject()) {
			throw this.client.incomplete(response, null, "unparseable answer");
		}
		KaleyraWire.Response body;
		try {
			body = this.responseReader.treeToValue(tree, KaleyraWire.Response.class);
		}
		catch (IllegalArgumentException ex) {
			throw new IOException(ex);
		}
		String code = body.code();
		if (code != null && !SUCCESS.equals(code)) {
			throw this.client.failure(failure(response, body), response);
		}
		if (body.data() == null) {
			throw this.client.incomplete(response, code, "answer without data");
		}
		ObjectNode envelope = ((ObjectNode) tree).deepCopy();
		envelope.remove("data");
		return new Page(envelope, code, body.data(), body.limit(), body.total());
	}

	private static void appendList(StringBuilder template, String prefix, Set<String> values, List<Object> variables) {
		int index = 0;
		for (String value : values) {
			template.append((index > 0) ? "," : "").append('{').append(prefix).append(index++).append('}');
			variables.add(value);
		}
	}

	private VendorFailure classify(VendorResponse response) {
		return failure(response, readError(response));
	}

	/** Kaleyra's envelope of an error answer, or nothing usable. */
	private KaleyraWire.Response readError(VendorResponse response) {
		try {
			JsonNode tree = this.treeReader.readTree(response.body());
			return (tree != null && tree.isObject()) ? this.responseReader.treeToValue(tree, KaleyraWire.Response.class)
					: null;
		}
		catch (IOException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static VendorFailure failure(VendorResponse response, KaleyraWire.Response body) {
		String code = (body != null) ? body.code() : null;
		return new VendorFailure(classify(response.status(), code),
				new VendorError(response.status(), code, (body != null) ? body.message() : null, null));
	}

	static ProviderFailure classify(int httpStatus, String code) {
		return AUTH_FAILURE.equals(code) ? ProviderFailure.AUTH_FAILED : ProviderFailure.forHttpStatus(httpStatus);
	}

	/**
	 * One page: Kaleyra's envelope without {@code data}, and the records as sent.
	 *
	 * @param limit the page size Kaleyra says it used, if it says
	 */
	private record Page(ObjectNode envelope, String code, List<JsonNode> records, Integer limit, Integer total) {

		/**
		 * As many records as asked for, or as Kaleyra says it sends: there may be more.
		 */
		boolean full() {
			int size = (this.limit != null && this.limit > 0) ? Math.min(PAGE_SIZE, this.limit) : PAGE_SIZE;
			return this.records.size() >= size;
		}

	}

	/**
	 * Every record listed for one request, by pair ({@code business|user} in E.164).
	 *
	 * @param unplaced records whose pair cannot be told
	 * @param complete whether every page up to {@code total} was read
	 */
	private record Listing(ObjectNode envelope, String code, Map<String, List<JsonNode>> byPair,
			List<Unplaced> unplaced, boolean complete) {
	}

	/**
	 * A record whose numbers cannot both be read: it may concern any pair matching the
	 * number that can ({@code null} where neither can).
	 */
	private record Unplaced(String business, String user) {
	}

	/**
	 * One record as this service reads it; equal readings agree.
	 */
	private record Reading(Permission permission, boolean canPerformAction) {

		/**
		 * Lower is more restrictive: what refuses a call comes before what allows one.
		 */
		int rank() {
			PermissionStatus status = this.permission.status();
			if (status == PermissionStatus.NOT_GRANTED) {
				return 0;
			}
			if (status == PermissionStatus.UNKNOWN) {
				return 1;
			}
			if (!this.canPerformAction) {
				return 2;
			}
			return (status == PermissionStatus.TEMPORARY) ? 3 : 4;
		}

	}

}

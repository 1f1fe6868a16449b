package dev.callpermissions.provider.kaleyra;

import java.io.IOException;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.callpermissions.phone.InvalidPhoneNumberException;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.phone.WhatsAppUser;
import dev.callpermissions.provider.CallPermissionProvider;
import dev.callpermissions.provider.Channel;
import dev.callpermissions.provider.ProviderAnswer;
import dev.callpermissions.provider.ProviderException;
import dev.callpermissions.provider.ProviderException.VendorError;
import dev.callpermissions.provider.ProviderFailure;
import dev.callpermissions.provider.UserLookup;
import dev.callpermissions.provider.VendorClient;
import dev.callpermissions.provider.VendorResponse;

/**
 * Looks up call consent on Kaleyra: {@code GET /v2/{sid}/whatsapp/call_permissions} with
 * comma-separated business and user numbers, reading {@code limit}/{@code offset} pages
 * until {@code total} is reached. Many users go in one request.
 */
final class KaleyraProvider implements CallPermissionProvider {

	/** Users per request, keeping the URL far below common 8 KiB limits. */
	static final int USERS_PER_REQUEST = 50;

	static final int PAGE_SIZE = 100;

	/** Bounds the pages read for one request, should {@code total} never be reached. */
	private static final int MAX_PAGES = 20;

	private static final String SUCCESS = "WA200";

	/** "Incorrect SID or API key." */
	private static final String AUTH_FAILURE = "RBC001";

	private final String sid;

	private final VendorClient client;

	private final ObjectReader responseReader;

	KaleyraProvider(String sid, VendorClient client, ObjectReader reader) {
		this.sid = sid;
		this.client = client;
		this.responseReader = reader.forType(KaleyraWire.Response.class);
	}

	@Override
	public ProviderAnswer lookup(Channel channel, WhatsAppUser user) {
		return lookupAll(List.of(new UserLookup(channel, user))).get(0);
	}

	@Override
	public boolean answersInBulk() {
		return true;
	}

	@Override
	public List<ProviderAnswer> lookupAll(List<UserLookup> lookups) {
		Map<String, Page.Found> found = new HashMap<>();
		byte[] firstBody = null;
		List<UserLookup> pending = List.copyOf(lookups);
		for (int from = 0; from < pending.size(); from += USERS_PER_REQUEST) {
			for (Page page : pages(pending.subList(from, Math.min(pending.size(), from + USERS_PER_REQUEST)))) {
				firstBody = (firstBody != null) ? firstBody : page.body();
				page.consents().forEach((consent) -> {
					String key = key(consent.businessPhoneNumber(), consent.userPhoneNumber());
					if (key != null) {
						found.putIfAbsent(key, new Page.Found(consent, page.body()));
					}
				});
			}
		}
		List<ProviderAnswer> answers = new ArrayList<>(lookups.size());
		for (UserLookup lookup : lookups) {
			Page.Found match = found.get(key(lookup.channel().businessNumber(), lookup.user().value()));
			answers.add((match != null) ? answer(match)
					: new ProviderAnswer(KaleyraPermissionMapper.NO_RECORD, List.of(), firstBody));
		}
		return answers;
	}

	private ProviderAnswer answer(Page.Found match) {
		try {
			return new ProviderAnswer(KaleyraPermissionMapper.permission(match.consent()),
					KaleyraPermissionMapper.actions(match.consent()), match.body());
		}
		catch (DateTimeParseException ex) {
			throw this.client.failure(ProviderFailure.ERROR,
					new VendorError(200, null, "unparseable expiration timestamp", null), ex);
		}
	}

	private List<Page> pages(List<UserLookup> lookups) {
		Set<String> businessNumbers = new LinkedHashSet<>();
		Set<String> userNumbers = new LinkedHashSet<>();
		for (UserLookup lookup : lookups) {
			businessNumbers.add(PhoneNumber.parse(lookup.channel().businessNumber()).value());
			userNumbers.add(((PhoneNumber) lookup.user()).value());
		}
		List<Page> pages = new ArrayList<>();
		int offset = 0;
		for (int read = 0; read < MAX_PAGES; read++) {
			Page page = page(businessNumbers, userNumbers, offset);
			pages.add(page);
			offset += page.consents().size();
			if (page.consents().isEmpty() || page.total() == null || offset >= page.total()) {
				break;
			}
		}
		return pages;
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
		VendorResponse response = this.client.get(template.toString(), variables.toArray());
		KaleyraWire.Response body = read(response);
		String code = (body != null) ? body.code() : null;
		if (!response.isSuccessful() || (code != null && !SUCCESS.equals(code))) {
			throw failure(response, body);
		}
		if (body == null || body.data() == null) {
			throw this.client.failure(ProviderFailure.ERROR,
					new VendorError(response.status(), code, "answer without data", null), (Throwable) null);
		}
		return new Page(body.data(), body.total(), response.body());
	}

	private static void appendList(StringBuilder template, String prefix, Set<String> values, List<Object> variables) {
		int index = 0;
		for (String value : values) {
			template.append((index > 0) ? "," : "").append('{').append(prefix).append(index++).append('}');
			variables.add(value);
		}
	}

	private KaleyraWire.Response read(VendorResponse response) {
		try {
			return this.responseReader.readValue(response.body());
		}
		catch (IOException ex) {
			if (response.isSuccessful()) {
				throw this.client.failure(ProviderFailure.ERROR,
						new VendorError(response.status(), null, "unparseable answer", null), ex);
			}
			return null;
		}
	}

	private ProviderException failure(VendorResponse response, KaleyraWire.Response body) {
		String code = (body != null) ? body.code() : null;
		return this.client.failure(classify(response.status(), code),
				new VendorError(response.status(), code, (body != null) ? body.message() : null, null), response);
	}

	static ProviderFailure classify(int httpStatus, String code) {
		return AUTH_FAILURE.equals(code) ? ProviderFailure.AUTH_FAILED : ProviderFailure.forHttpStatus(httpStatus);
	}

	/** Kaleyra may format numbers its own way; pairs are compared in E.164. */
	private static String key(String businessNumber, String userNumber) {
		try {
			return PhoneNumber.parse(businessNumber).value() + "|" + PhoneNumber.parse(userNumber).value();
		}
		catch (InvalidPhoneNumberException ex) {
			return null;
		}
	}

	private record Page(List<KaleyraWire.Consent> consents, Integer total, byte[] body) {

		private record Found(KaleyraWire.Consent consent, byte[] body) {
		}

	}

}

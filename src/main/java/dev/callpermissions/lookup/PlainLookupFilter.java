package dev.callpermissions.lookup;

import java.io.IOException;
import java.time.Clock;
import java.util.Enumeration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.callpermissions.permission.CallPermission;
import dev.callpermissions.system.FilterChainShortcut;
import io.micrometer.observation.Observation;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * Answers a plain {@code GET /call-permissions} before the filter chain and Spring MVC:
 * an authenticated lookup without a body or {@code include}. It answers from the answers
 * this replica holds, else (and always for {@code Cache-Control: no-cache}) by asking the
 * cache and the vendor as {@link CallPermissionController} would. The response is the one
 * the controller would give, byte for byte but for the {@code Date} (and the request id,
 * when the caller sent none), and it is counted in the same metrics.
 * <p>
 * The servlet stack cost a cached answer about two thirds of its CPU and an answer asked
 * of the vendor about a fifth (issue 19; {@code docs/performance.md}). Every other
 * request goes through the whole chain, unchanged, which also answers every failure: a
 * missing or wrong key, a malformed number, an unknown business number. A lookup that
 * failed here goes there too, with its failure ({@link #FAILED_LOOKUP}), which the
 * controller answers without asking the vendor a second time.
 */
class PlainLookupFilter implements Filter {

	static final String PATH = "/call-permissions";

	/** The request attribute holding the failure of a lookup this filter made. */
	static final String FAILED_LOOKUP = PlainLookupFilter.class.getName() + ".failure";

	/** Spring refuses more ({@code MimeTypeUtils.sortBySpecificity}): 406. */
	private static final int MAX_MEDIA_RANGES = 50;

	private static final String[] PARAMETERS = { "businessNumber", "userNumber", "userId" };

	private final CallPermissionService service;

	private final FilterChainShortcut shortcut;

	private final ObjectWriter json;

	private final Clock clock;

	/** Whether it answers at all, or passes every request on. */
	private final boolean serves;

	/** The path as the request line has it, below the context and servlet paths. */
	private final String requestUri;

	PlainLookupFilter(boolean serves, String requestUri, CallPermissionService service, FilterChainShortcut shortcut,
			ObjectMapper objectMapper, Clock clock) {
		this.serves = serves;
		this.requestUri = requestUri;
		this.service = service;
		this.shortcut = shortcut;
		this.json = objectMapper.writerFor(CallPermission.class);
		this.clock = clock;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		HttpServletResponse response = (HttpServletResponse) servletResponse;
		String client = (this.serves && ordinary(request)) ? this.shortcut.client(request) : null;
		LookupRequest query = (client != null) ? query(request) : null;
		LookupRequest.ParsedLookup asGiven = (query != null) ? parsed(query, true) : null;
		if (asGiven == null) {
			chain.doFilter(request, response);
			return;
		}
		Observation observation = this.shortcut.observe(request, response, PATH);
		String requestId;
		ServedAnswer served;
		try (Observation.Scope scope = observation.openScope()) {
			requestId = this.shortcut.openLogContext(request, client);
			try {
				served = answer(query, asGiven, request);
			}
			finally {
				this.shortcut.closeLogContext();
			}
		}
		catch (Error ex) {
			// answer() turns every exception into an answer for the chain
			observation.error(ex);
			observation.stop();
			throw ex;
		}
		if (served == null) {
			this.shortcut.handOver(request, observation);
			chain.doFilter(request, response);
			return;
		}
		if (served.fromCache()) {
			response.setHeader(HttpHeaders.AGE, served.age(this.clock.instant()));
		}
		this.shortcut.writeJson(request, response, requestId, this.json, served.answer(), observation);
	}

	/**
	 * The answer held here, else the cache's or the vendor's; null when the chain is to
	 * answer, with the failure in {@link #FAILED_LOOKUP} if the lookup was made.
	 */
	private ServedAnswer answer(LookupRequest query, LookupRequest.ParsedLookup asGiven, HttpServletRequest request) {
		boolean refresh = refresh(request);
		try {
			ServedAnswer held = refresh ? null : this.service.heldAnswer(asGiven.businessNumber(), asGiven.user());
			if (held != null) {
				return held;
			}
		}
		catch (RuntimeException ex) {
			// nothing is written yet; the chain meets the same failure and answers it
			// as a problem
			return null;
		}
		LookupRequest.ParsedLookup checked = parsed(query, false);
		if (checked == null) {
			return null;
		}
		try {
			return this.service.lookup(checked.businessNumber(), checked.user(), false, refresh);
		}
		catch (RuntimeException ex) {
			request.setAttribute(FAILED_LOOKUP, ex);
			return null;
		}
	}

	/**
	 * A plain {@code GET} of the lookup: no body, an {@code Accept} that takes JSON and
	 * that Spring MVC reads the same way, and a {@code Cache-Control} the firewall lets
	 * through (read here, it is not checked by the chain).
	 */
	private boolean ordinary(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) && this.requestUri.equals(request.getRequestURI())
				&& request.getContentLengthLong() <= 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null
				&& acceptsJson(request) && this.shortcut.firewallAllows(request, HttpHeaders.CACHE_CONTROL);
	}

	/**
	 * {@code no-cache} on any {@code Cache-Control} line: Spring MVC joins the lines into
	 * the one value the controller reads.
	 */
	private static boolean refresh(HttpServletRequest request) {
		Enumeration<String> lines = request.getHeaders(HttpHeaders.CACHE_CONTROL);
		while (lines.hasMoreElements()) {
			if (CallPermissionController.noCache(lines.nextElement())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The lookup's parameters, when the query holds nothing but them, each once; anything
	 * else, a query the server cannot decode included, is left to the chain.
	 */
	private static LookupRequest query(HttpServletRequest request) {
		if (!plainQuery(request.getQueryString())) {
			return null;
		}
		try {
			Enumeration<String> names = request.getParameterNames();
			while (names.hasMoreElements()) {
				String name = names.nextElement();
				if (!isLookupParameter(name) || request.getParameterValues(name).length != 1) {
					return null;
				}
			}
			return new LookupRequest(request.getParameter(PARAMETERS[0]), request.getParameter(PARAMETERS[1]),
					request.getParameter(PARAMETERS[2]));
		}
		catch (RuntimeException ex) {
			// a query the server refuses to read: the chain answers with its problem
			return null;
		}
	}

	/**
	 * The lookup parsed, a number in E.164 form taken as given if {@code asGiven} (enough
	 * to find a held answer); null when it is invalid, which the chain answers, and
	 * counts, as the problem it is.
	 */
	private static LookupRequest.ParsedLookup parsed(LookupRequest query, boolean asGiven) {
		try {
			return asGiven ? query.parseToFindHeldAnswer() : query.parse();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * A query of printable ASCII whose escapes are ASCII too: nothing the server could
	 * fail to decode, or decode other than as UTF-8, whichever way it is read.
	 */
	static boolean plainQuery(String query) {
		if (query == null) {
			return true;
		}
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if (c == '%') {
				if (i + 2 >= query.length() || !isAsciiEscape(query.charAt(i + 1), query.charAt(i + 2))) {
					return false;
				}
				i += 2;
			}
			else if (c <= ' ' || c >= 0x7f) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAsciiEscape(char high, char low) {
		char lower = (char) (low | 0x20);
		return high >= '0' && high <= '7' && (low >= '0' && low <= '9' || lower >= 'a' && lower <= 'f');
	}

	private static boolean isLookupParameter(String name) {
		for (String parameter : PARAMETERS) {
			if (parameter.equals(name)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * No {@code Accept}, or one that names JSON, {@code application/*} or anything, in a
	 * list of plain media types without parameters; anything else (quality values, a
	 * second header line, a malformed type) is left to Spring MVC's negotiation.
	 */
	static boolean acceptsJson(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept == null) {
			return true;
		}
		Enumeration<String> lines = request.getHeaders(HttpHeaders.ACCEPT);
		lines.nextElement();
		return !lines.hasMoreElements() && acceptsJson(accept);
	}

	static boolean acceptsJson(String accept) {
		boolean json = false;
		int ranges = 0;
		int start = 0;
		while (start <= accept.length()) {
			if (++ranges > MAX_MEDIA_RANGES) {
				return false;
			}
			int end = accept.indexOf(',', start);
			if (end < 0) {
				end = accept.length();
			}
			String range = accept.substring(start, end).strip();
			if (!isPlainMediaType(range)) {
				return false;
			}
			json |= range.equals("*/*") || range.equalsIgnoreCase("application/json")
					|| range.equalsIgnoreCase("application/*") || range.equalsIgnoreCase("application/*+json");
			start = end + 1;
		}
		return json;
	}

	/** {@code type/subtype} in letters, digits, {@code .+-}, or with a wildcard. */
	private static boolean isPlainMediaType(String range) {
		int slash = range.indexOf('/');
		if (slash <= 0 || slash == range.length() - 1 || range.indexOf('/', slash + 1) >= 0) {
			return false;
		}
		String type = range.substring(0, slash);
		String subtype = range.substring(slash + 1);
		if (type.equals("*")) {
			return subtype.equals("*");
		}
		return isToken(type) && (subtype.equals("*") || subtype.equals("*+json") || isToken(subtype));
	}

	private static boolean isToken(String part) {
		for (int i = 0; i < part.length(); i++) {
			char c = part.charAt(i);
			if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '+'
					|| c == '-')) {
				return false;
			}
		}
		return true;
	}

}

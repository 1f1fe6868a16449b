package dev.callpermissions.lookup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.callpermissions.lookup.LookupRequest.ParsedLookup;
import dev.callpermissions.provider.ProviderException;
import dev.callpermissions.provider.ProviderFailure;
import dev.callpermissions.provider.ProviderOutcome;
import dev.callpermissions.provider.Route;
import dev.callpermissions.provider.UserLookup;
import dev.callpermissions.system.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Service;

/**
 * Answers many lookups at once: identical ones are asked once, an account whose vendor
 * answers in bulk (Kaleyra) gets one request, the others fan out on virtual threads with
 * a bound per account, and the whole batch has a deadline. One failing lookup never fails
 * the batch.
 */
@Service
class BatchLookupService {

	private static final Logger logger = LoggerFactory.getLogger(BatchLookupService.class);

	private final CallPermissionService lookups;

	private final CallPermissionCache cache;

	private final RefreshBudget refreshBudget;

	private final BatchProperties properties;

	private final LookupMetrics metrics;

	BatchLookupService(CallPermissionService lookups, CallPermissionCache cache, RefreshBudget refreshBudget,
			BatchProperties properties, LookupMetrics metrics) {
		this.lookups = lookups;
		this.refreshBudget = refreshBudget;
		this.metrics = metrics;
		this.cache = cache;
		this.properties = properties;
	}

	/**
	 * One outcome per request, in the same order; a request that cannot be parsed is
	 * answered with its failure and asks no vendor.
	 */
	List<LookupOutcome> lookupAll(List<LookupRequest> requests, boolean refresh) {
		long started = System.nanoTime();
		List<LookupOutcome> outcomes = new ArrayList<>(requests.size());
		List<ParsedLookup> lookups = new ArrayList<>(requests.size());
		for (LookupRequest request : requests) {
			try {
				lookups.add(request.parse());
				outcomes.add(null);
			}
			catch (ApiException ex) {
				outcomes.add(LookupOutcome.failed(ex));
			}
		}
		Iterator<LookupOutcome> answers = lookupParsed(lookups, refresh).iterator();
		long took = System.nanoTime() - started;
		for (LookupOutcome unread : outcomes) {
			if (unread != null) {
				this.metrics.record(null, unread.failure().errorCode().name(), false, took);
			}
		}
		outcomes.replaceAll((outcome) -> (outcome != null) ? outcome : answers.next());
		return outcomes;
	}

	private List<LookupOutcome> lookupParsed(List<ParsedLookup> requests, boolean refresh) {
		long started = System.nanoTime();
		Map<ParsedLookup, LookupOutcome> outcomes = new LinkedHashMap<>();
		Map<ParsedLookup, Route> routes = new LinkedHashMap<>();
		// as routed, for the lookup timer, also where the provider cannot take the user
		Map<ParsedLookup, Route> routeOf = new HashMap<>();
		for (ParsedLookup request : requests) {
			if (outcomes.containsKey(request) || routes.containsKey(request)) {
				continue;
			}
			try {
				Route route = this.lookups.route(request.businessNumber());
				routeOf.put(request, route);
				CallPermissionService.requireSupported(route, request.user());
				if (refresh && route.provider().usersPerRequest() == 1) {
					this.refreshBudget.spend(route);
				}
				routes.put(request, route);
			}
			catch (ApiException ex) {
				outcomes.put(request, LookupOutcome.failed(ex));
			}
		}
		if (refresh) {
			spendPerRequest(routes, outcomes);
		}
		Set<ParsedLookup> cacheHits = refresh ? Set.of() : answerFromCache(routes, outcomes);
		Map<String, List<ParsedLookup>> byAccount = new LinkedHashMap<>();
		for (Map.Entry<ParsedLookup, Route> routed : routes.entrySet()) {
			byAccount.computeIfAbsent(routed.getValue().accountName(), (account) -> new ArrayList<>())
				.add(routed.getKey());
		}
		outcomes.putAll(ask(byAccount, routes, refresh));
		// each item took, for its client, as long as the whole batch
		long took = System.nanoTime() - started;
		List<LookupOutcome> answers = requests.stream().map(outcomes::get).toList();
		for (int i = 0; i < answers.size(); i++) {
			LookupOutcome outcome = answers.get(i);
			this.metrics.record(routeOf.get(requests.get(i)),
					(outcome.failure() != null) ? outcome.failure().errorCode().name() : "ok",
					cacheHits.contains(requests.get(i)), took);
		}
		return answers;
	}

	/**
	 * Answers the lookups the cache holds, reading the shared store once for all that
	 * this replica does not hold, and takes them out of {@code routes}.
	 */
	private Set<ParsedLookup> answerFromCache(Map<ParsedLookup, Route> routes,
			Map<ParsedLookup, LookupOutcome> outcomes) {
		List<ParsedLookup> lookups = List.copyOf(routes.keySet());
		List<CallPermissionCache.Entry> cached = this.cache
			.cachedAll(lookups.stream().map((lookup) -> cacheKey(routes.get(lookup), lookup)).toList());
		Set<ParsedLookup> hits = new HashSet<>();
		for (int i = 0; i < lookups.size(); i++) {
			if (cached.get(i) != null) {
				ParsedLookup lookup = lookups.get(i);
				hits.add(lookup);
				outcomes.put(lookup, answered(routes.remove(lookup), lookup, cached.get(i)));
			}
		}
		return hits;
	}

	/**
	 * A vendor asked for many users in one request (Kaleyra) spends one refresh per
	 * request, as {@link #ask} will make them: the users of a request over the budget
	 * answer its refusal and leave {@code routes}.
	 */
	private void spendPerRequest(Map<ParsedLookup, Route> routes, Map<ParsedLookup, LookupOutcome> outcomes) {
		Map<String, List<ParsedLookup>> bulk = new LinkedHashMap<>();
		routes.forEach((lookup, route) -> {
			if (route.provider().usersPerRequest() > 1) {
				bulk.computeIfAbsent(route.accountName(), (account) -> new ArrayList<>()).add(lookup);
			}
		});
		bulk.forEach((account, lookups) -> {
			Route route = routes.get(lookups.get(0));
			int usersPerRequest = route.provider().usersPerRequest();
			for (int from = 0; from < lookups.size(); from += usersPerRequest) {
				List<ParsedLookup> request = lookups.subList(from, Math.min(lookups.size(), from + usersPerRequest));
				try {
					this.refreshBudget.spend(route);
				}
				catch (ApiException ex) {
					request.forEach((lookup) -> {
						routes.remove(lookup);
						outcomes.put(lookup, LookupOutcome.failed(ex));
					});
				}
			}
		});
	}

	private Map<ParsedLookup, LookupOutcome> ask(Map<String, List<ParsedLookup>> byAccount,
			Map<ParsedLookup, Route> routes, boolean refresh) {
		List<Task> tasks = new ArrayList<>();
		byAccount.forEach((account, accountLookups) -> {
			Route route = routes.get(accountLookups.get(0));
			Semaphore permits = new Semaphore(this.properties.concurrencyPerAccount());
			int usersPerRequest = route.provider().usersPerRequest();
			if (usersPerRequest > 1) {
				for (int from = 0; from < accountLookups.size(); from += usersPerRequest) {
					List<ParsedLookup> chunk = accountLookups.subList(from,
							Math.min(accountLookups.size(), from + usersPerRequest));
					tasks.add(new Task(route, chunk, userLookups(chunk, routes), permits, new AtomicBoolean()));
				}
			}
			else {
				accountLookups.forEach((lookup) -> tasks.add(new Task(route, List.of(lookup),
						userLookups(List.of(lookup), routes), permits, new AtomicBoolean())));
			}
		});
		Map<ParsedLookup, LookupOutcome> outcomes = new LinkedHashMap<>();
		long deadlineAt = System.nanoTime() + this.properties.deadline().toNanos();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Map<ParsedLookup, LookupOutcome>>> futures = executor.invokeAll(
					tasks.stream().map((task) -> callable(task, refresh, deadlineAt)).toList(),
					this.properties.deadline().toMillis(), TimeUnit.MILLISECONDS);
			for (int i = 0; i < futures.size(); i++) {
				outcomes.putAll(outcome(tasks.get(i), futures.get(i)));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			tasks.forEach((task) -> task.lookups().forEach((lookup) -> outcomes.putIfAbsent(lookup, cutShort(task))));
		}
		return outcomes;
	}

	/** Each lookup on its own business number's channel: one account can have several. */
	private static List<UserLookup> userLookups(List<ParsedLookup> lookups, Map<ParsedLookup, Route> routes) {
		return lookups.stream().map((lookup) -> new UserLookup(routes.get(lookup).channel(), lookup.user())).toList();
	}

	private Callable<Map<ParsedLookup, LookupOutcome>> callable(Task task, boolean refresh, long deadlineAt) {
		Map<String, String> logContext = MDC.getCopyOfContextMap();
		return () -> {
			if (logContext != null) {
				MDC.setContextMap(logContext);
			}
			task.permits().acquire();
			if (System.nanoTime() - deadlineAt >= 0) {
				// a permit freed by the deadline's own cancellations: too late to ask
				task.permits().release();
				return failAll(task, cutShort(task));
			}
			task.started().set(true);
			try {
				return answers(task, refresh);
			}
			finally {
				task.permits().release();
			}
		};
	}

	private Map<ParsedLookup, LookupOutcome> answers(Task task, boolean refresh) {
		Route route = task.route();
		Map<ParsedLookup, LookupOutcome> outcomes = new LinkedHashMap<>();
		try {
			if (route.provider().usersPerRequest() > 1) {
				long stamp = this.cache.evictionStamp();
				List<ProviderOutcome> answers = route.provider().lookupAll(task.userLookups());
				for (int i = 0; i < answers.size(); i++) {
					ParsedLookup lookup = task.lookups().get(i);
					ProviderOutcome answer = answers.get(i);
					// a failure of this lookup alone is neither cached nor shared with
					// the others
					outcomes.put(lookup, (answer.failure() != null) ? LookupOutcome.failed(answer.failure())
							: answered(route, lookup, this.cache.put(cacheKey(route, lookup), answer.answer(), stamp)));
				}
			}
			else {
				ParsedLookup lookup = task.lookups().get(0);
				outcomes.put(lookup, answered(route, lookup, askOne(task, refresh)));
			}
		}
		catch (ApiException ex) {
			task.lookups().forEach((lookup) -> outcomes.putIfAbsent(lookup, LookupOutcome.failed(ex)));
		}
		return outcomes;
	}

	private LookupOutcome answered(Route route, ParsedLookup lookup, CallPermissionCache.Entry entry) {
		return LookupOutcome.answered(this.lookups.answer(route, lookup.businessNumber(), lookup.user(), entry, null));
	}

	/**
	 * Through the cache, so that batches and single lookups missing the same entry at
	 * once (as they do when it expires under load) make one vendor call between them.
	 */
	private CallPermissionCache.Entry askOne(Task task, boolean refresh) {
		UserLookup userLookup = task.userLookups().get(0);
		return this.cache
			.get(cacheKey(task.route(), task.lookups().get(0)),
					() -> task.route().provider().lookup(userLookup.channel(), userLookup.user()), refresh)
			.entry();
	}

	private static CallPermissionCache.Key cacheKey(Route route, ParsedLookup lookup) {
		return CallPermissionService.cacheKey(route, lookup.businessNumber(), lookup.user());
	}

	private Map<ParsedLookup, LookupOutcome> outcome(Task task, Future<Map<ParsedLookup, LookupOutcome>> future) {
		try {
			return future.get();
		}
		catch (CancellationException ex) {
			return failAll(task, cutShort(task));
		}
		catch (ExecutionException ex) {
			logger.error("A batch lookup on account {} failed unexpectedly", task.route().accountName(), ex.getCause());
			return failAll(task, LookupOutcome.failed(new UnexpectedLookupException(ex.getCause())));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return failAll(task, cutShort(task));
		}
	}

	/**
	 * A lookup still open at the batch's deadline: the vendor's timeout if it was asked,
	 * else a refusal worth trying again at once, since the vendor never saw it.
	 */
	private LookupOutcome cutShort(Task task) {
		String provider = task.route().vendor().id();
		String account = task.route().accountName();
		if (task.started().get()) {
			return LookupOutcome
				.failed(new ProviderException(ProviderFailure.TIMEOUT, provider, account, null, null, null));
		}
		return LookupOutcome.failed(ProviderException.notAsked(ProviderFailure.UNAVAILABLE, provider, account,
				Duration.ofSeconds(1), "was not asked: the batch's deadline came before this lookup's turn ("
						+ this.properties.concurrencyPerAccount() + " at a time per account)"));
	}

	private static Map<ParsedLookup, LookupOutcome> failAll(Task task, LookupOutcome failure) {
		Map<ParsedLookup, LookupOutcome> outcomes = new LinkedHashMap<>();
		task.lookups().forEach((lookup) -> outcomes.put(lookup, failure));
		return outcomes;
	}

	/**
	 * Lookups asked together on one account.
	 */
	private record Task(Route route, List<ParsedLookup> lookups, List<UserLookup> userLookups, Semaphore permits,
			AtomicBoolean started) {
	}

}

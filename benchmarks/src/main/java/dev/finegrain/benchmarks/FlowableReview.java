package dev.finegrain.benchmarks;

import dev.finegrain.core.standard.Artifact;
import java.util.List;
import java.util.Map;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.task.api.Task;
import org.flowable.task.api.history.HistoricTaskInstance;

/**
 * The Flowable baseline of {@link PostgresReviewBenchmark}: the listing review of
 * {@link ReviewWorkload} as the BPMN process {@code listing-review.bpmn20.xml} (copy, image, then a
 * parallel multi-instance task of the manager group done at 2 of 3), on Flowable 7.1.0 with history
 * level {@code audit}, no async executor, and its own MyBatis connection pool of
 * {@link PostgresReviewBenchmark#POOL_SIZE} connections.
 *
 * <p>A review is five transactions, as on finegrain: start the process (the submit, with the
 * listing's fields as process variables), then four task completions by {@code lin}, {@code wang},
 * {@code ma} and {@code guo}, each with a task-local variable {@code vote = approve}. Before each
 * completion the client finds the task with a task query (process instance and candidate group),
 * as a client that knows the case and the stage does. Flowable does not check on completion that
 * the user is a candidate, nor forbid self-review; finegrain checks both.
 */
final class FlowableReview {
  /** The candidate group of each approver in {@link ReviewWorkload#APPROVERS}. */
  static final List<String> GROUPS = List.of("copywriter", "designer", "manager", "manager");

  private final ProcessEngine engine;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final HistoryService history;

  private FlowableReview(ProcessEngine engine) {
    this.engine = engine;
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.history = engine.getHistoryService();
  }

  /** Builds the engine over {@code jdbcUrl} (creating Flowable's tables) and deploys the process. */
  static FlowableReview start(String jdbcUrl, String user, int poolSize) {
    ProcessEngineConfigurationImpl config =
        (ProcessEngineConfigurationImpl) ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration();
    config.setJdbcUrl(jdbcUrl)
        .setJdbcDriver("org.postgresql.Driver")
        .setJdbcUsername(user)
        .setJdbcPassword("")
        .setJdbcMaxActiveConnections(poolSize)
        .setJdbcMaxIdleConnections(poolSize)
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory("audit")
        .setAsyncExecutorActivate(false);
    config.setDisableIdmEngine(true);
    config.setDisableEventRegistry(true);
    ProcessEngine engine = config.buildProcessEngine();
    engine.getRepositoryService().createDeployment().name("listing-review")
        .addClasspathResource("dev/finegrain/benchmarks/listing-review.bpmn20.xml").deploy();
    return new FlowableReview(engine);
  }

  /** One full review of case {@code n}; returns the process instance id. */
  String fullReview(long n) {
    String caseId = ReviewWorkload.caseId(n);
    Artifact listing = ReviewWorkload.listing(n);
    String instance;
    Authentication.setAuthenticatedUserId(ReviewWorkload.SUBMITTER);
    try {
      instance = runtime.createProcessInstanceBuilder().processDefinitionKey("listingReview").businessKey(caseId)
          .variables(Map.of("sku", "TEA-" + n, "title", "West Lake Longjing 250 g #" + n, "category", "tea",
              "price", 20 + (n % 80)))
          .start().getId();
    } finally {
      Authentication.setAuthenticatedUserId(null);
    }
    for (int step = 0; step < 4; step++) {
      String user = ReviewWorkload.APPROVERS.get(step);
      List<Task> open = tasks.createTaskQuery().processInstanceId(instance).taskCandidateGroup(GROUPS.get(step))
          .listPage(0, 1);
      if (open.isEmpty()) {
        throw new IllegalStateException("no open " + GROUPS.get(step) + " task in " + caseId + " (" + listing + ")");
      }
      tasks.complete(open.get(0).getId(), user, null, Map.of("vote", "approve"));
    }
    return instance;
  }

  /**
   * Throws unless process instance {@code instance} ended at "approved" after four tasks completed
   * (by lin, wang, ma and guo) and the third manager's task was ended unanswered.
   */
  void checkApproved(String instance) {
    HistoricProcessInstance process = history.createHistoricProcessInstanceQuery().processInstanceId(instance)
        .singleResult();
    ReviewWorkload.check(process != null && process.getEndTime() != null
        && "approved".equals(process.getEndActivityId()), "Flowable process %s should have ended approved: %s",
        instance, process);
    ReviewWorkload.check(runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 0,
        "Flowable process %s is still running", instance);
    List<HistoricTaskInstance> done = history.createHistoricTaskInstanceQuery().processInstanceId(instance)
        .finished().list();
    List<String> completedBy = done.stream().filter(t -> t.getDeleteReason() == null)
        .map(HistoricTaskInstance::getCompletedBy).sorted().toList();
    ReviewWorkload.check(completedBy.equals(ReviewWorkload.APPROVERS.stream().sorted().toList()) && done.size() == 5,
        "Flowable process %s: tasks completed by %s (of %s finished), expected %s", instance, completedBy,
        done.size(), ReviewWorkload.APPROVERS);
  }

  void close() {
    engine.close();
  }
}

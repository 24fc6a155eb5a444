package dev.loggardener.jobs;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Options of the worklog batch job; names match deploy/flex-templates/worklog/metadata.json. */
public interface WorklogReportOptions extends PipelineOptions {

  @Description(
      "Where the issue windows are: bigquery:PROJECT.DATASET or a local DuckDB file, e.g."
          + " bigquery:my-project.log_gardener_production.")
  @Validation.Required
  String getStore();

  void setStore(String value);

  @Description(
      "Folder the worklogs are written under (DATE/worklog.md, DATE/worklog.json, latest.md,"
          + " latest.json), e.g. gs://my-bucket/worklogs.")
  @Validation.Required
  String getOutputPrefix();

  void setOutputPrefix(String value);

  @Description("Length of the reported period in hours, ending at periodEnd, e.g. 24.")
  @Default.Integer(24)
  Integer getHours();

  void setHours(Integer value);

  @Description(
      "End of the reported period (exclusive) in RFC 3339, e.g. 2026-11-28T06:00:00Z; the start"
          + " of the current hour when empty.")
  String getPeriodEnd();

  void setPeriodEnd(String value);

  @Description(
      "Worklog rules YAML to use instead of the shipped one, e.g."
          + " gs://my-bucket/config/worklog-rules.yaml.")
  String getRulesFile();

  void setRulesFile(String value);

  @Description(
      "Only the entries of this Google Cloud project (the project_id column; --project is the"
          + " project the job itself runs in); every project in the store when empty, e.g."
          + " my-app-prod.")
  String getLogProject();

  void setLogProject(String value);

  @Description("Categories shown with a full section; the rest get one line each, e.g. 10.")
  @Default.Integer(10)
  Integer getMaxDetailed();

  void setMaxDetailed(Integer value);

  @Description(
      "GitHub repository OWNER/NAME the period's P0-P1 problems are filed in as issues; no"
          + " tracker step when empty, e.g. acme/platform.")
  String getTrackerRepository();

  void setTrackerRepository(String value);

  @Description(
      "Secret Manager secret version holding the GitHub token, required with trackerRepository,"
          + " e.g. projects/my-project/secrets/log-gardener-github-token/versions/latest.")
  String getTrackerTokenSecret();

  void setTrackerTokenSecret(String value);

  @Description(
      "GitHub API root; https://HOST/api/v3 for GitHub Enterprise Server, e.g."
          + " https://api.github.com.")
  @Default.String("https://api.github.com")
  String getTrackerApiUrl();

  void setTrackerApiUrl(String value);

  @Description(
      "Whether the tracker step writes to GitHub (true) or only logs its plan (false), e.g."
          + " true.")
  @Default.Boolean(false)
  Boolean getTrackerApply();

  void setTrackerApply(Boolean value);

  @Description("New GitHub issues the tracker step opens per run at most, e.g. 10.")
  @Default.Integer(10)
  Integer getTrackerMaxCreations();

  void setTrackerMaxCreations(Integer value);

  @Description(
      "Whether a closed issue whose problem returns is reopened (true) or followed by a new"
          + " issue (false), e.g. true.")
  @Default.Boolean(true)
  Boolean getTrackerReopen();

  void setTrackerReopen(Boolean value);
}

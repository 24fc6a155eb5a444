package dev.loggardener.jobs;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Options of the worklog Flex Template job, {@link WorklogReport}. */
public interface WorklogOptions extends PipelineOptions {

  @Description(
      "Where the issue windows are: bigquery:PROJECT.DATASET, or a DuckDB store file for local"
          + " runs, e.g. bigquery:my-project.log_gardener_production.")
  @Validation.Required
  String getStore();

  void setStore(String value);

  @Description(
      "Folder the worklogs are written under: each run writes DATE/worklog.md and"
          + " DATE/worklog.json (DATE is the UTC day the period ends) and replaces latest.md and"
          + " latest.json, e.g. gs://my-bucket/worklogs.")
  @Validation.Required
  String getOutputPrefix();

  void setOutputPrefix(String value);

  @Description("Length of the reported period in hours, ending at periodEnd, e.g. 24.")
  @Default.Integer(24)
  Integer getHours();

  void setHours(Integer value);

  @Description(
      "End of the reported period (exclusive) in RFC 3339, for reruns and backfills; by default"
          + " the start of the current hour when the job is launched, e.g. 2026-11-28T06:00:00Z.")
  String getPeriodEnd();

  void setPeriodEnd(String value);

  @Description(
      "Worklog rules file (YAML) to use instead of the shipped one; any path Beam can read,"
          + " e.g. gs://my-bucket/config/worklog-rules.yaml.")
  String getRulesFile();

  void setRulesFile(String value);

  @Description(
      "Project name shown in the worklog header; the store's project (or file name) when empty,"
          + " e.g. netra-staging.")
  String getHeaderProject();

  void setHeaderProject(String value);

  @Description("Categories shown with a full section; the rest get one line each, e.g. 10.")
  @Default.Integer(10)
  Integer getMaxDetailed();

  void setMaxDetailed(Integer value);
}

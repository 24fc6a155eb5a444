package dev.loggardener.tracker;

import java.util.List;

/**
 * The issues of one repository, as the tracker step needs them. Implementations retry what is safe
 * to retry and throw {@link TrackerException} with one line for what is refused.
 */
public interface IssueTracker {

  /** {@code OWNER/NAME} of the repository. */
  String repository();

  /** Every issue, open or closed, that carries {@code label}; pull requests excluded. */
  List<RemoteIssue> labelled(String label) throws TrackerException;

  /** One issue by number. */
  RemoteIssue issue(long number) throws TrackerException;

  /** The bodies of an issue's comments, oldest first. */
  List<String> comments(long number) throws TrackerException;

  /** Opens a new issue and returns it. */
  RemoteIssue create(String title, String body, List<String> labels) throws TrackerException;

  /** Adds a comment to an issue. */
  void comment(long number, String body) throws TrackerException;

  /** Reopens a closed issue. */
  void reopen(long number) throws TrackerException;
}

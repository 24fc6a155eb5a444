package dev.loggardener.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Cloud Run revisions and instances of the staging day: each service rolls out new revisions
 * during the day, and every revision runs a few instances.
 */
final class CloudRunTopology {

  /** One running container: the service, its revision and the instance id Cloud Run labels. */
  record Instance(String service, String revision, String id) {}

  private record Revision(double startsAt, List<Instance> instances) {}

  private final List<Revision> backend;
  private final List<Revision> auth;

  CloudRunTopology(SplittableRandom random) {
    backend = revisions(Services.BACKEND, 412, new double[] {0.0, 0.38, 0.71}, 3, random);
    auth = revisions(Services.AUTH, 187, new double[] {0.0, 0.55}, 2, random);
  }

  /** An instance of the revision serving {@code service} at {@code dayFraction} of the day. */
  Instance pick(String service, double dayFraction, SplittableRandom random) {
    List<Revision> revisions = service.equals(Services.BACKEND) ? backend : auth;
    Revision serving = revisions.get(0);
    for (Revision revision : revisions) {
      if (revision.startsAt() <= dayFraction) {
        serving = revision;
      }
    }
    return serving.instances().get(random.nextInt(serving.instances().size()));
  }

  private static List<Revision> revisions(
      String service, int firstNumber, double[] starts, int instances, SplittableRandom random) {
    List<Revision> revisions = new ArrayList<>();
    for (int i = 0; i < starts.length; i++) {
      String name =
          String.format(
              "%s-%05d-%s", service, firstNumber + i * (1 + random.nextInt(4)), letters(random));
      List<Instance> running = new ArrayList<>();
      for (int j = 0; j < instances; j++) {
        running.add(new Instance(service, name, "00" + RandomText.hex(random, 94)));
      }
      revisions.add(new Revision(starts[i], List.copyOf(running)));
    }
    return List.copyOf(revisions);
  }

  private static String letters(SplittableRandom random) {
    StringBuilder text = new StringBuilder(3);
    for (int i = 0; i < 3; i++) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }
}

package dev.loggardener.jobs;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class LeasesTest {
  private static final long T0 = 1_000_000L;

  @Test
  public void aLeaseIsDueOnceLessThanAThirdOfTheDeadlineIsLeft() {
    Leases leases = new Leases(30);
    leases.pulled(List.of("a", "b"), T0);
    leases.pulled(List.of("c"), T0 + 5_000);

    assertEquals(List.of(), leases.due(T0 + 20_000));
    assertEquals(List.of("a", "b"), leases.due(T0 + 20_001));
    assertEquals(List.of("a", "b", "c"), leases.due(T0 + 25_001));
  }

  @Test
  public void anExtensionGrantsTheDeadlineAgainFromWhenItWasSent() {
    Leases leases = new Leases(30);
    leases.pulled(List.of("a", "b"), T0);

    leases.extended(List.of("a"), T0 + 21_000);

    assertEquals(List.of("b"), leases.due(T0 + 40_000));
    assertEquals(List.of("a", "b"), leases.due(T0 + 41_001));
  }

  @Test
  public void acknowledgedOrHandedBackMessagesAreNotExtended() {
    Leases leases = new Leases(10);
    leases.pulled(List.of("a", "b", "c"), T0);

    leases.released(List.of("a", "c", "never-pulled"));
    leases.extended(List.of("a"), T0 + 8_000);

    assertEquals(List.of("b"), leases.due(T0 + 9_000));
  }

  @Test
  public void aMessageHeldForTheLongestHoldIsLetGoNotExtendedForever() {
    Leases leases = new Leases(60);
    leases.pulled(List.of("stuck"), T0);
    leases.pulled(List.of("recent"), T0 + Leases.LONGEST_HOLD_MILLIS - 30_000);
    long beforeTheLongestHold = T0 + Leases.LONGEST_HOLD_MILLIS - 1;
    leases.extended(List.of("stuck"), beforeTheLongestHold - 59_000);

    assertEquals(List.of("stuck"), leases.due(beforeTheLongestHold));
    assertEquals(List.of("recent"), leases.due(T0 + Leases.LONGEST_HOLD_MILLIS + 30_000));
    leases.extended(List.of("stuck"), T0 + Leases.LONGEST_HOLD_MILLIS + 30_000);
    assertEquals(List.of("recent"), leases.due(T0 + Leases.LONGEST_HOLD_MILLIS + 90_000));
  }

  @Test
  public void theDeadlineIsTheSubscriptions() {
    assertEquals(10, new Leases(10).deadlineSeconds());
  }
}

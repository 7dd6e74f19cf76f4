package se.vardnav.letter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.vardnav.support.CapturedLogs;
import se.vardnav.support.TestPersons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** No personnummer, phone number, letter text or document name in any log line, on the happy and the failure paths. */
class LetterLogsIT extends LetterTestBase {
    @RegisterExtension
    final CapturedLogs captured = new CapturedLogs();

    @Test
    void lettersLeaveNoPersonalDataInTheLogs() throws Exception {
        String both = TestPersons.next(), refused = TestPersons.next(), bad = TestPersons.withBadCheckDigit();
        platform.addAccount(both, "070-777 88 01", null);
        mailboxes.reachableVia(both, MIN_MYNDIGHETSPOST);
        mailboxes.reachableVia(refused, MIN_MYNDIGHETSPOST);
        minMyndighetspost.refuseRecipient(refused);
        minMyndighetspost.failNext(2);
        platform.failNext(2, 503);

        String a = accepted(ebrev(both));
        String b = accepted(ebrev(refused));
        assertThat(post(ebrev(bad)).status()).isEqualTo(422);

        await().until(() -> "DELIVERED".equals(deliveries(a).get("mailbox:" + MIN_MYNDIGHETSPOST))
                && "DELIVERED".equals(row(a).get("platform_status")) && smsTo("+46707778801").size() == 1);
        await().until(() -> printReason(b).isPresent());
        platform.openLetter(a);

        assertThat(captured.lines()).as("the flow was logged").isNotEmpty();
        captured.assertNoLineContains(both, refused, bad, both.substring(2), refused.substring(2),
                    "0707778801", "+46707778801", "777 88 01", "Provsvar", "Dina provsvar", "resourceType");
    }
}

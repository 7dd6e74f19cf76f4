package se.vardnav.sim.mailbox;

import java.util.List;

/** Content the Kivra simulator accepted (identical payloads are recorded once). */
public record KivraContent(String objectKey, String ssn, String subject, String type, String generatedAt,
                           List<Part> parts, Booking booking) {

    /**
     * @param md5  hex MD5 of the decoded data
     * @param text the decoded data of a text/* part (what the patient reads), else null
     */
    public record Part(String name, String contentType, int size, String md5, String text) {}

    public record Booking(String title, String startTime, String endTime, String location, String description, String infoUrl) {}

    @Override
    public String toString() {
        return "KivraContent[" + objectKey + "]";
    }
}

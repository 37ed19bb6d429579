package io.ledgerbench.loadgen.driver.tigerbeetle;

import java.util.Arrays;
import java.util.List;

/** Where a TigerBeetle cluster is: its cluster id and every replica's address (IP:port), in replica order. */
public record TigerBeetleEndpoint(long clusterId, List<String> addresses) {

    public static final String ADDRESSES_FORMAT = "IP:PORT[,IP:PORT...] (every replica, in replica order)";

    public TigerBeetleEndpoint {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no replica address; expected " + ADDRESSES_FORMAT);
        }
    }

    /** Parses "10.0.0.1:3000,10.0.0.2:3000"; a bad entry is named in the message. */
    public static TigerBeetleEndpoint parse(long clusterId, String addresses) {
        List<String> parts = Arrays.stream(addresses.split(",")).map(String::strip).toList();
        for (String part : parts) {
            int colon = part.lastIndexOf(':');
            if (colon <= 0 || !part.substring(colon + 1).matches("\\d{1,5}")) {
                throw new IllegalArgumentException("'" + part + "' is not IP:PORT; expected " + ADDRESSES_FORMAT);
            }
        }
        return new TigerBeetleEndpoint(clusterId, parts);
    }

    public String describe() {
        return "TigerBeetle cluster " + clusterId + " at " + String.join(",", addresses);
    }
}

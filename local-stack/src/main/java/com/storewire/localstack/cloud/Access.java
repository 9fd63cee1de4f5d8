package com.storewire.localstack.cloud;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who may invoke a service: its {@code roles/run.invoker} members. {@code allUsers} makes it public
 * (no identity checked); {@code allAuthenticatedUsers} admits any caller with a valid Google ID
 * token; otherwise only the listed service accounts (or users), given as IAM members ({@code
 * serviceAccount:…}, {@code user:…}) or plain emails.
 */
public record Access(boolean allUsers, boolean allAuthenticatedUsers, Set<String> invokers) {

  public Access {
    invokers = Set.copyOf(invokers);
  }

  /** A public service: {@code allUsers} holds the invoker role. */
  public static Access publicService() {
    return new Access(true, false, Set.of());
  }

  /**
   * A private service whose invoker role these IAM members (or emails) hold; none admits no one.
   */
  public static Access invokers(Collection<String> members) {
    boolean allUsers = false;
    boolean allAuthenticatedUsers = false;
    Set<String> emails = new LinkedHashSet<>();
    for (String member : members) {
      if (member.equals("allUsers")) {
        allUsers = true;
      } else if (member.equals("allAuthenticatedUsers")) {
        allAuthenticatedUsers = true;
      } else if (member.startsWith("serviceAccount:") || member.startsWith("user:")) {
        emails.add(member.substring(member.indexOf(':') + 1));
      } else if (member.contains(":")) {
        throw new IllegalArgumentException("the local stack admits no " + member);
      } else {
        emails.add(member);
      }
    }
    return new Access(allUsers, allAuthenticatedUsers, emails);
  }

  /** Whether a caller proven to be {@code email} may invoke the service. */
  public boolean admits(String email) {
    return allUsers || allAuthenticatedUsers || invokers.contains(email);
  }
}

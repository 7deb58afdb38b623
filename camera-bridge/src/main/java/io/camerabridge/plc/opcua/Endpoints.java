package io.camerabridge.plc.opcua;

import io.camerabridge.config.OpcUaSecurity;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.util.HostnameUtil;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;

/**
 * The server's endpoints: {@code opc.tcp://NAME:PORT/camera-bridge} for every name the listen
 * address is reachable by, with exactly the configured security. A client may still open an
 * unsecured channel to ask for the endpoints (GetEndpoints, as UaExpert does); Milo refuses every
 * other service on it when the configured security is sign or sign-and-encrypt.
 */
final class Endpoints {
  static final String PATH = "/camera-bridge";

  private Endpoints() {}

  /** The names clients may use for {@code host}: every local address for a wildcard. */
  static Set<String> hostnames(String host) {
    Set<String> names = new LinkedHashSet<>();
    if (isWildcard(host)) {
      names.add(HostnameUtil.getHostname());
      names.addAll(HostnameUtil.getHostnames(host, true, false));
    } else {
      names.add(host);
    }
    return names;
  }

  static Set<EndpointConfig> of(
      String host,
      int port,
      OpcUaSecurity security,
      boolean withUsers,
      X509Certificate certificate,
      Set<String> hostnames) {
    // Milo encrypts a user name token's password with Basic256Sha256 even on a None channel.
    UserTokenPolicy identity =
        withUsers
            ? OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME
            : OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;
    Set<EndpointConfig> endpoints = new LinkedHashSet<>();
    for (String hostname : hostnames) {
      endpoints.add(
          EndpointConfig.newBuilder()
              .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
              .setBindAddress(host)
              .setBindPort(port)
              .setHostname(hostname)
              .setPath(PATH)
              .setCertificate(certificate)
              .setSecurityPolicy(policy(security))
              .setSecurityMode(mode(security))
              .addTokenPolicy(identity)
              .build());
    }
    return endpoints;
  }

  static SecurityPolicy policy(OpcUaSecurity security) {
    return security == OpcUaSecurity.NONE ? SecurityPolicy.None : SecurityPolicy.Basic256Sha256;
  }

  static MessageSecurityMode mode(OpcUaSecurity security) {
    return switch (security) {
      case NONE -> MessageSecurityMode.None;
      case SIGN -> MessageSecurityMode.Sign;
      case SIGN_AND_ENCRYPT -> MessageSecurityMode.SignAndEncrypt;
    };
  }

  private static boolean isWildcard(String host) {
    try {
      return InetAddress.getByName(host).isAnyLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}

package dev.finegrain.examples.review;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.sql.DataSource;

/**
 * Keeps the connections the scenario has closed and hands them out again, as the pool a platform
 * puts in front of PostgreSQL would. The embedded server's own data source opens a new connection
 * (a new server process) on every call, about 18 ms here; the scenario asks for one about 860
 * times. Closing a handed-out connection rolls back what it left unfinished and restores
 * auto-commit. For the scenario's one thread; closing the whole closes the kept connections.
 */
final class ReusedConnections implements AutoCloseable {
  private final DataSource server;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private final DataSource dataSource;

  ReusedConnections(DataSource server) {
    this.server = server;
    this.dataSource = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> method.getName().equals("getConnection")
            && args == null ? handOut() : call(method, server, args));
  }

  /** {@return the data source whose connections are kept and reused} */
  DataSource dataSource() {
    return dataSource;
  }

  private static Object call(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private synchronized Connection handOut() throws SQLException {
    Connection kept = idle.poll();
    Connection physical = kept != null ? kept : server.getConnection();
    boolean[] returned = {false};
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "close" -> {
            if (!returned[0]) {
              returned[0] = true;
              giveBack(physical);
            }
            yield null;
          }
          case "isClosed" -> returned[0] || physical.isClosed();
          default -> {
            if (returned[0]) {
              throw new SQLException("this connection was closed and handed back");
            }
            yield call(method, physical, args);
          }
        });
  }

  private synchronized void giveBack(Connection physical) throws SQLException {
    if (!physical.getAutoCommit()) {
      physical.rollback();
      physical.setAutoCommit(true);
    }
    idle.push(physical);
  }

  @Override
  public synchronized void close() throws SQLException {
    for (Connection c = idle.poll(); c != null; c = idle.poll()) {
      c.close();
    }
  }
}

package dev.finegrain.examples.review;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps the connections the scenario has closed and hands them out again, as the pool a platform
 * puts in front of PostgreSQL would. The embedded server's own data source opens a new connection
 * (a new server process) on every call, about 18 ms here; the scenario asks for one about 860
 * times. Closing a handed-out connection rolls back what it left unfinished and restores
 * auto-commit. For the scenario's one thread; closing the whole closes the kept connections.
 */
final class ReusedConnections implements DataSource, AutoCloseable {
  private final DataSource server;
  private final Deque<Connection> idle = new ArrayDeque<>();

  ReusedConnections(DataSource server) {
    this.server = server;
  }

  @Override
  public synchronized Connection getConnection() throws SQLException {
    Connection physical = idle.poll();
    return handOut(physical != null ? physical : server.getConnection());
  }

  private Connection handOut(Connection physical) {
    boolean[] returned = {false};
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "close" -> {
              if (!returned[0]) {
                returned[0] = true;
                giveBack(physical);
              }
              return null;
            }
            case "isClosed" -> {
              return returned[0] || physical.isClosed();
            }
            default -> {
              if (returned[0]) {
                throw new SQLException("this connection was closed and handed back");
              }
              try {
                return method.invoke(physical, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }
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

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the scenario connects as the embedded server's one user");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}

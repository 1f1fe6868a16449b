package dev.callpermissions.system;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last resort, for requests it rejects before any servlet sees them (a malformed
 * request line or header): the same problem shape as everywhere else, instead of an HTML
 * page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		ErrorCode code = ErrorCode.forStatus(status);
		String requestId = RequestIdFilter.newRequestId();
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			response.setHeader(RequestIdFilter.HEADER, requestId);
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"type\":\"" + code.type() + "\",\"title\":\"" + code.title() + "\",\"status\":" + status
						+ ",\"detail\":\"The request could not be read.\",\"code\":\"" + code.name()
						+ "\",\"requestId\":\"" + requestId + "\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response is committed: nothing more can be said
		}
	}

}

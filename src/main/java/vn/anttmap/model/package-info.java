/**
 * Domain values of ANTT Map. Vietnamese words stay where officers use them:
 * <ul>
 *   <li><b>phường</b>: ward, the smallest administrative unit in a town;</li>
 *   <li><b>khu dân cư</b>: residential area, a <b>tổ dân phố</b> (street block) or <b>tiểu khu</b> (sub-quarter);</li>
 *   <li><b>vụ việc ANTT</b>: a security-and-order incident;</li>
 *   <li><b>tổ bảo vệ dân phố</b>: street-guard team; <b>tổ an ninh xã hội</b>: social-security team;</li>
 *   <li><b>hòa giải</b>: mediation of a dispute; <b>trích xuất camera</b>: video extraction;</li>
 *   <li><b>đạt / chưa đạt</b>: met / not met.</li>
 * </ul>
 * Every layer is described once, as data, by {@link vn.anttmap.model.Layer}; stores, readers, writers and the
 * HTTP API are driven by that description.
 */
package vn.anttmap.model;

// Reads a SUMO network lane by lane. Internal (":") edges are not kept as lanes: each connection
// takes the speed and length of the internal lane it runs through ("via"), and its right of way
// from the junction's <request> rows, which are indexed like the junction's intLanes list.
#include "io/sumo/sumo_net_reader.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "io/scenario/physical_ranges.hpp"
#include "io/sumo/sumo_georeference.hpp"
#include "io/sumo/xml_tree.hpp"

namespace citytwin::io {

namespace {

struct LaneRef {
    std::int32_t edge = -1;
    std::int32_t lane = -1;  // road-lane index, -1 if the lane carries no road vehicles
};

struct InternalLane {
    double speed = 0.0, length = 0.0;
};

struct RawConnection {
    const XmlElement* e;
    std::int32_t junction;
    std::int32_t request;  // index into the junction's <request> rows; -1 unknown
    std::string response;
};

}  // namespace

namespace {

class NetReader {
public:
    NetReader(sim::LaneNetworkSpec& out, SumoNotes& notes) : out_(out), notes_(notes) {}

    void read_net(const std::string& file) {
        const XmlDocument doc = read_xml(file, {"net"});
        const XmlElement& net = *doc.root;
        if (const std::string* v = net.attr("version")) {
            if (v->empty() || (*v)[0] < '1' || (*v)[0] > '9')
                doc.fail(net, "version", "SUMO network version " + *v + " is not supported; citytwin reads versions 1.x "
                                         "(convert with: netconvert --sumo-net-file OLD -o NEW)");
        }
        out_.file = file;
        for (const XmlElement* loc : net.all("location")) {
            if (const std::string* p = loc->attr("projParameter")) out_.projection = *p;
            if (const std::string* o = loc->attr("netOffset")) {
                const auto xy = split_list(*o);
                if (xy.size() == 2) {
                    out_.net_offset_x = std::stod(xy[0]);
                    out_.net_offset_y = std::stod(xy[1]);
                }
            }
        }
        locate_sumo_origin(out_);
        read_junctions(doc, net);
        read_edges(doc, net);
        for (const XmlElement* t : net.all("tlLogic")) read_program(doc, *t);
        read_connections(doc, net);
        // <roundabout> only lists a roundabout's junctions; its right of way is in the requests.
        notes_.add("neighbour-lane (opposite direction) definitions", static_cast<long long>(net.all("neigh").size()));
    }

    void read_additional(const std::string& file) {
        const XmlDocument doc = read_xml(file, {"additional", "add", "routes"});
        for (const auto& c : doc.root->children) {
            const XmlElement& e = *c;
            if (e.name == "tlLogic") {
                read_program(doc, e);
            } else if (e.name == "busStop" || e.name == "trainStop") {
                read_stop(doc, e);
            } else if (e.name == "e1Detector" || e.name == "inductionLoop" || e.name == "e2Detector" ||
                       e.name == "laneAreaDetector" || e.name == "e3Detector" || e.name == "entryExitDetector" ||
                       e.name == "instantInductionLoop") {
                notes_.add("detectors");
            } else if (e.name == "vType" || e.name == "vTypeDistribution" || e.name == "route" ||
                       e.name == "routeDistribution" || e.name == "vehicle" || e.name == "trip" || e.name == "flow" ||
                       e.name == "person" || e.name == "personFlow" || e.name == "container") {
                // demand: read by the route reader, which is given the same files
            } else if (e.name == "location" || e.name == "param" || e.name == "interval") {
            } else {
                notes_.add("additional <" + e.name + "> elements");
            }
        }
    }

    void finish() {
        // Program state strings must cover every link index their connections use.
        for (sim::SignalProgram& p : out_.programs) {
            if (p.phases.empty())
                throw sim::ScenarioError(p.mark, "<tlLogic id>", "signal program '" + p.id + "' has no phases");
        }
        for (const sim::ConnectionEntry& c : out_.connections) {
            if (c.program < 0) continue;
            const sim::SignalProgram& p = out_.programs[c.program];
            for (const sim::ProgramPhase& ph : p.phases)
                if (c.link_index < 0 || c.link_index >= static_cast<std::int32_t>(ph.state.size()))
                    throw sim::ScenarioError(p.mark, "<tlLogic id>",
                                             "signal program '" + p.id + "' has states of " + std::to_string(ph.state.size()) +
                                                 " links, but a connection at " + c.mark.str() + " uses link index " +
                                                 std::to_string(c.link_index));
        }
    }

private:
    sim::LaneNetworkSpec& out_;
    SumoNotes& notes_;
    std::unordered_map<std::string, std::int32_t> junction_by_id_, edge_by_id_, program_by_id_;
    std::unordered_map<std::string, LaneRef> lane_by_id_;
    std::unordered_map<std::string, InternalLane> internal_lane_;
    std::vector<std::vector<std::string>> junction_int_lanes_, junction_inc_lanes_;
    std::vector<std::vector<std::string>> junction_responses_, junction_foes_;

    void read_junctions(const XmlDocument& doc, const XmlElement& net) {
        for (const XmlElement* j : net.all("junction")) {
            const std::string id = doc.required(*j, "id");
            const std::string* type = j->attr("type");
            if (type && *type == "internal") continue;
            if (junction_by_id_.count(id)) doc.fail(*j, "id", "duplicate junction id '" + id + "'");
            sim::JunctionEntry je;
            je.id = id;
            je.x_m = doc.required_number(*j, "x");
            je.y_m = doc.required_number(*j, "y");
            if (std::fabs(je.x_m) > ranges::kCoordinateMaxM || std::fabs(je.y_m) > ranges::kCoordinateMaxM)
                doc.fail(*j, std::fabs(je.x_m) > ranges::kCoordinateMaxM ? "x" : "y",
                         "expected a coordinate within 10000 km of the network's origin");
            je.signalised = type && type->rfind("traffic_light", 0) == 0;
            je.mark = doc.mark(*j);
            junction_by_id_[id] = static_cast<std::int32_t>(out_.junctions.size());
            out_.junctions.push_back(je);
            junction_int_lanes_.push_back(j->attr("intLanes") ? split_list(*j->attr("intLanes")) : std::vector<std::string>{});
            junction_inc_lanes_.push_back(j->attr("incLanes") ? split_list(*j->attr("incLanes")) : std::vector<std::string>{});
            std::vector<std::string> responses, foes;
            for (const XmlElement* r : j->all("request")) {
                const long long idx = doc.integer(*r, "index", -1);
                if (idx < 0 || idx > 100000) doc.fail(*r, "index", "expected a request index >= 0");
                if (responses.size() <= static_cast<std::size_t>(idx)) {
                    responses.resize(static_cast<std::size_t>(idx) + 1);
                    foes.resize(static_cast<std::size_t>(idx) + 1);
                }
                responses[static_cast<std::size_t>(idx)] = doc.required(*r, "response");
                if (const std::string* f = r->attr("foes")) foes[static_cast<std::size_t>(idx)] = *f;
            }
            junction_responses_.push_back(std::move(responses));
            junction_foes_.push_back(std::move(foes));
        }
    }

    // The ranges of an inline link's speed and length (docs/scenario-format.md §4.3).
    static void check_lane(const XmlDocument& doc, const XmlElement& l, double speed, double length) {
        if (speed > ranges::kSpeedMaxMps)
            doc.fail(l, "speed", "expected a speed of at most 100 m/s, got '" + *l.attr("speed") + "'");
        if (length > ranges::kLinkLengthMaxM)
            doc.fail(l, "length", "expected a length of at most 100000 m, got '" + *l.attr("length") + "'");
    }

    void read_edges(const XmlDocument& doc, const XmlElement& net) {
        for (const XmlElement* e : net.all("edge")) {
            const std::string id = doc.required(*e, "id");
            const std::string* function = e->attr("function");
            if (function && *function == "internal") {
                for (const XmlElement* l : e->all("lane")) {
                    const double speed = doc.required_number(*l, "speed"), length = doc.required_number(*l, "length");
                    check_lane(doc, *l, speed, length);
                    internal_lane_[doc.required(*l, "id")] = {speed, length};
                }
                continue;
            }
            if (function && (*function == "crossing" || *function == "walkingarea")) {
                notes_.add("pedestrian crossings and walking areas");
                continue;
            }
            if (edge_by_id_.count(id)) doc.fail(*e, "id", "duplicate edge id '" + id + "'");
            sim::EdgeEntry ed;
            ed.id = id;
            ed.mark = doc.mark(*e);
            ed.from = junction_ref(doc, *e, "from");
            ed.to = junction_ref(doc, *e, "to");
            ed.priority = static_cast<std::int32_t>(doc.integer(*e, "priority", -1));
            const auto lanes = e->all("lane");
            if (lanes.empty()) doc.fail(*e, "", "edge '" + id + "' has no <lane>");
            std::vector<const XmlElement*> ordered(lanes.size(), nullptr);
            for (const XmlElement* l : lanes) {
                const long long idx = doc.integer(*l, "index", -1);
                if (idx < 0 || idx >= static_cast<long long>(lanes.size()) || ordered[static_cast<std::size_t>(idx)])
                    doc.fail(*l, "index", "lane indices of edge '" + id + "' must be 0.." + std::to_string(lanes.size() - 1) +
                                              ", each once");
                ordered[static_cast<std::size_t>(idx)] = l;
            }
            const auto edge_index = static_cast<std::int32_t>(out_.edges.size());
            for (const XmlElement* l : ordered) {
                const std::string lid = doc.required(*l, "id");
                const std::uint8_t allow = sumo_lane_classes(l->attr("allow"), l->attr("disallow"));
                LaneRef ref{edge_index, -1};
                if (allow != 0) {
                    sim::LaneEntry le;
                    le.speed_mps = doc.required_number(*l, "speed");
                    le.length_m = doc.required_number(*l, "length");
                    if (!(le.speed_mps > 0.0)) doc.fail(*l, "speed", "expected a speed > 0 m/s");
                    if (!(le.length_m > 0.0)) doc.fail(*l, "length", "expected a length > 0 m");
                    check_lane(doc, *l, le.speed_mps, le.length_m);
                    le.allow = allow;
                    ref.lane = static_cast<std::int32_t>(ed.lanes.size());
                    ed.lanes.push_back(le);
                    if (ed.shape_x.empty()) read_shape(doc, *l, ed);
                } else {
                    notes_.add("lanes for pedestrians, bicycles or rail only");
                }
                lane_by_id_[lid] = ref;
            }
            if (ed.lanes.empty()) {
                notes_.add("edges without road lanes (footpaths, cycle paths, rail)");
                continue;
            }
            edge_by_id_[id] = edge_index;
            out_.edges.push_back(std::move(ed));
        }
    }

    static void read_shape(const XmlDocument& doc, const XmlElement& lane, sim::EdgeEntry& ed) {
        const std::string* s = lane.attr("shape");
        if (!s) return;
        // "x,y x,y ..." (a third coordinate, z, may follow y)
        std::string cur;
        auto flush = [&] {
            const auto comma = cur.find(',');
            if (comma == std::string::npos) doc.fail(lane, "shape", "expected 'x,y x,y ...', got '" + *s + "'");
            ed.shape_x.push_back(std::stod(cur.substr(0, comma)));
            ed.shape_y.push_back(std::stod(cur.substr(comma + 1, cur.find(',', comma + 1) - comma - 1)));
            cur.clear();
        };
        for (char c : *s) {
            if (c == ' ') {
                if (!cur.empty()) flush();
            } else {
                cur += c;
            }
        }
        if (!cur.empty()) flush();
    }

    std::int32_t junction_ref(const XmlDocument& doc, const XmlElement& e, const char* key) {
        const std::string id = doc.required(e, key);
        const auto it = junction_by_id_.find(id);
        if (it == junction_by_id_.end()) doc.fail(e, key, "no junction with id '" + id + "'");
        return it->second;
    }

    void read_program(const XmlDocument& doc, const XmlElement& t) {
        sim::SignalProgram p;
        p.id = doc.required(t, "id");
        p.program_id = t.attr("programID") ? *t.attr("programID") : "0";
        p.offset_s = doc.number(t, "offset", 0.0);
        if (std::fabs(p.offset_s) > ranges::kDayS)
            doc.fail(t, "offset", "expected an offset from -86400 to 86400 s, got '" + *t.attr("offset") + "'");
        p.mark = doc.mark(t);
        const std::string type = t.attr("type") ? *t.attr("type") : "static";
        if (type != "static") notes_.add("'" + type + "' signal programs run as fixed-time with their phase durations");
        for (const XmlElement* ph : t.all("phase")) {
            sim::ProgramPhase phase;
            phase.duration_s = doc.required_number(*ph, "duration");
            if (!(phase.duration_s >= 0.0 && phase.duration_s <= ranges::kDayS))
                doc.fail(*ph, "duration", "expected a duration from 0 to 86400 s, got '" + *ph->attr("duration") + "'");
            phase.state = doc.required(*ph, "state");
            for (char& ch : phase.state) {
                // SUMO's letters: G g y r, plus u (red-yellow: treated as red), o/O (off:
                // blinking/no signal: treated as minor/major green), s (stop sign: minor).
                switch (ch) {
                    case 'G': case 'g': case 'y': case 'r': break;
                    case 'Y': ch = 'y'; break;
                    case 'u': ch = 'r'; break;
                    case 'o': case 's': ch = 'g'; break;
                    case 'O': ch = 'G'; break;
                    default:
                        doc.fail(*ph, "state", std::string("unknown signal state '") + ch +
                                                   "'; expected SUMO's letters G g y Y r u o O s");
                }
            }
            if (!p.phases.empty() && phase.state.size() != p.phases.front().state.size())
                doc.fail(*ph, "state", "all phases of program '" + p.id + "' must have states of the same length (" +
                                           std::to_string(p.phases.front().state.size()) + ")");
            p.phases.push_back(phase);
        }
        if (p.phases.empty()) doc.fail(t, "", "signal program '" + p.id + "' has no <phase>");
        double cycle = 0.0;
        for (const auto& ph : p.phases) cycle += ph.duration_s;
        if (!(cycle > 0.0)) doc.fail(t, "", "signal program '" + p.id + "' has a cycle of 0 s");
        // A program loaded later replaces the one with the same id (SUMO switches to the last
        // program it loads for a signal).
        const auto it = program_by_id_.find(p.id);
        if (it != program_by_id_.end()) {
            p.junction = out_.programs[it->second].junction;
            if (out_.programs[it->second].phases.front().state.size() != p.phases.front().state.size())
                doc.fail(t, "", "program '" + p.program_id + "' of signal '" + p.id + "' controls " +
                                    std::to_string(p.phases.front().state.size()) + " links, the network's program " +
                                    std::to_string(out_.programs[it->second].phases.front().state.size()));
            out_.programs[it->second] = std::move(p);
        } else {
            program_by_id_[p.id] = static_cast<std::int32_t>(out_.programs.size());
            out_.programs.push_back(std::move(p));
        }
    }

    void read_stop(const XmlDocument& doc, const XmlElement& e) {
        sim::StopPlace s;
        s.id = doc.required(e, "id");
        s.mark = doc.mark(e);
        const std::string lane = doc.required(e, "lane");
        const auto it = lane_by_id_.find(lane);
        if (it == lane_by_id_.end() || it->second.lane < 0)
            doc.fail(e, "lane", "no road lane '" + lane + "' in the network");
        s.edge = it->second.edge;
        s.lane = it->second.lane;
        const double len = out_.edges[s.edge].lanes[s.lane].length_m;
        s.start_m = doc.number(e, "startPos", 0.0);
        s.end_m = doc.number(e, "endPos", len);
        if (s.start_m < 0) s.start_m += len;  // SUMO: negative positions count from the lane's end
        if (s.end_m < 0) s.end_m += len;
        s.start_m = std::clamp(s.start_m, 0.0, len);
        s.end_m = std::clamp(s.end_m, 0.0, len);
        if (s.end_m < s.start_m) doc.fail(e, "endPos", "the stop ends before it starts");
        out_.stops.push_back(s);
    }

    void read_connections(const XmlDocument& doc, const XmlElement& net) {
        std::vector<RawConnection> raw;
        // A link through a junction with an internal junction (a left turn waiting in the
        // middle) runs over two internal lanes; intLanes lists the second. Follow the chain.
        std::unordered_map<std::string, std::string> via_next;
        for (const XmlElement* c : net.all("connection")) {
            const std::string from = doc.required(*c, "from");
            if (from.empty() || from[0] != ':') continue;
            if (const std::string* via = c->attr("via"))
                via_next[from + "_" + doc.required(*c, "fromLane")] = *via;
        }
        for (const XmlElement* c : net.all("connection")) {
            const std::string from = doc.required(*c, "from");
            if (!from.empty() && from[0] == ':') continue;  // inside a junction
            const std::string to = doc.required(*c, "to");
            const auto fe = edge_by_id_.find(from);
            const auto te = edge_by_id_.find(to);
            if (fe == edge_by_id_.end() || te == edge_by_id_.end()) {
                // to or from a footpath, or a dropped edge
                if (!lane_known(from) || !lane_known(to)) doc.fail(*c, fe == edge_by_id_.end() ? "from" : "to",
                                                                    "no edge '" + (fe == edge_by_id_.end() ? from : to) + "'");
                continue;
            }
            const long long fl = doc.integer(*c, "fromLane", -1), tl = doc.integer(*c, "toLane", -1);
            const auto fref = lane_by_id_.find(from + "_" + std::to_string(fl));
            const auto tref = lane_by_id_.find(to + "_" + std::to_string(tl));
            if (fref == lane_by_id_.end()) doc.fail(*c, "fromLane", "edge '" + from + "' has no lane " + std::to_string(fl));
            if (tref == lane_by_id_.end()) doc.fail(*c, "toLane", "edge '" + to + "' has no lane " + std::to_string(tl));
            if (fref->second.lane < 0 || tref->second.lane < 0) continue;  // a bicycle or pedestrian movement

            sim::ConnectionEntry ce;
            ce.from_edge = fe->second;
            ce.to_edge = te->second;
            ce.from_lane = fref->second.lane;
            ce.to_lane = tref->second.lane;
            ce.junction = out_.edges[ce.from_edge].to;
            ce.mark = doc.mark(*c);
            if (const std::string* d = c->attr("dir"); d && !d->empty()) ce.dir = (*d)[0];
            if (const std::string* st = c->attr("state"); st && !st->empty()) ce.state = (*st)[0];
            if (const std::string* kc = c->attr("keepClear")) ce.keep_clear = !(*kc == "0" || *kc == "false");
            if (const std::string* t = c->attr("tl")) {
                const auto p = program_by_id_.find(*t);
                if (p == program_by_id_.end()) doc.fail(*c, "tl", "no tlLogic with id '" + *t + "'");
                ce.program = p->second;
                ce.link_index = static_cast<std::int32_t>(doc.integer(*c, "linkIndex", -1));
                if (ce.link_index < 0) doc.fail(*c, "linkIndex", "a signalised connection needs linkIndex >= 0");
                if (out_.programs[ce.program].junction < 0) out_.programs[ce.program].junction = ce.junction;
            }
            std::int32_t request = -1;
            if (const std::string* via = c->attr("via")) {
                const auto il = internal_lane_.find(*via);
                if (il != internal_lane_.end()) ce.via_speed_mps = il->second.speed;
                // The way through is the whole chain of internal lanes (a left turn split at its
                // waiting point runs over two).
                std::string part = *via;
                for (int hop = 0; hop < 4; ++hop) {
                    const auto pl = internal_lane_.find(part);
                    if (pl == internal_lane_.end()) break;
                    ce.via_length_m += pl->second.length;
                    if (hop > 0) ce.via_after_wait_m += pl->second.length;   // beyond the waiting point
                    const auto nx = via_next.find(part);
                    if (nx == via_next.end()) break;
                    part = nx->second;
                }
                const auto& ints = junction_int_lanes_[ce.junction];
                std::string lane = *via;
                for (int hop = 0; hop < 4 && request < 0; ++hop) {
                    const auto pos = std::find(ints.begin(), ints.end(), lane);
                    if (pos != ints.end()) {
                        request = static_cast<std::int32_t>(pos - ints.begin());
                    } else {
                        const auto nx = via_next.find(lane);
                        if (nx == via_next.end()) break;
                        lane = nx->second;
                    }
                }
            }
            raw.push_back({c, ce.junction, request, {}});
            out_.connections.push_back(std::move(ce));
        }
        resolve_requests(raw);
    }

    bool lane_known(const std::string& edge) const {
        // An edge that exists in the file but carries no road lanes was dropped on purpose.
        for (int i = 0; i < 64; ++i)
            if (lane_by_id_.count(edge + "_" + std::to_string(i))) return true;
        return false;
    }

    // Connections without "via" (networks built with --no-internal-links) are numbered as SUMO
    // numbers a junction's links: by incoming lane in incLanes order, then in file order.
    void resolve_requests(std::vector<RawConnection>& raw) {
        std::vector<std::vector<std::int32_t>> at_junction(out_.junctions.size());
        for (std::size_t i = 0; i < raw.size(); ++i) at_junction[raw[i].junction].push_back(static_cast<std::int32_t>(i));
        for (std::size_t j = 0; j < at_junction.size(); ++j) {
            auto& list = at_junction[j];
            const bool all_known = std::all_of(list.begin(), list.end(), [&](std::int32_t i) { return raw[i].request >= 0; });
            if (!all_known) {
                const auto& inc = junction_inc_lanes_[j];
                auto inc_pos = [&](std::int32_t i) {
                    const sim::ConnectionEntry& c = out_.connections[i];
                    const std::string id = out_.edges[c.from_edge].id + "_";
                    for (std::size_t k = 0; k < inc.size(); ++k)
                        if (inc[k].rfind(id, 0) == 0) return static_cast<std::int64_t>(k) * 64 + c.from_lane;
                    return std::int64_t{1} << 40;
                };
                std::stable_sort(list.begin(), list.end(), [&](std::int32_t a, std::int32_t b) { return inc_pos(a) < inc_pos(b); });
                for (std::size_t k = 0; k < list.size(); ++k) raw[list[k]].request = static_cast<std::int32_t>(k);
            }
            const auto& responses = junction_responses_[j];
            const auto& foes = junction_foes_[j];
            std::unordered_map<std::int32_t, std::int32_t> by_request;
            for (std::int32_t i : list) by_request[raw[i].request] = i;
            // SUMO writes link 0 as the last character of a row.
            auto set_bits = [&](const std::string& row, std::int32_t i, std::vector<std::int32_t>& out) {
                const auto n = static_cast<std::int32_t>(row.size());
                for (std::int32_t k = 0; k < n; ++k) {
                    if (row[n - 1 - k] != '1') continue;
                    const auto f = by_request.find(k);
                    if (f != by_request.end() && f->second != i) out.push_back(f->second);
                }
            };
            for (std::int32_t i : list) {
                const std::int32_t r = raw[i].request;
                if (r < 0 || r >= static_cast<std::int32_t>(responses.size())) continue;
                set_bits(responses[r], i, out_.connections[i].yields_to);
                set_bits(foes[r], i, out_.connections[i].crosses);
            }
        }
    }
};

}  // namespace

sim::LaneNetworkSpec read_sumo_net(const std::string& net_file, const std::vector<std::string>& additional_files,
                                   SumoNotes& notes) {
    sim::LaneNetworkSpec spec;
    NetReader r(spec, notes);
    r.read_net(net_file);
    for (const std::string& a : additional_files) r.read_additional(a);
    r.finish();
    return spec;
}

}  // namespace citytwin::io
